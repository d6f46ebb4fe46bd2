package org.openivr.cli;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Saves the Temporal history of demo calls. Committed under the workflows module's test resources,
 * they are replayed against the current interpreter, so a change that would break calls already in
 * flight during a deployment fails the build.
 */
final class HistoryExport {
    private HistoryExport() {}

    static void save(WorkflowClient client, List<CallRun> runs, Path directory, PrintStream out) throws IOException {
        Files.createDirectories(directory);
        for (CallRun run : runs) {
            if (run.result() == null) {
                continue;
            }
            String name = (run.flow() + "--" + run.call().name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
            Path file = directory.resolve(name + ".json");
            Files.writeString(file, client.fetchHistory(run.callId()).toJson(true), StandardCharsets.UTF_8);
            out.println("history of " + run.label() + " -> " + file);
        }
    }
}
