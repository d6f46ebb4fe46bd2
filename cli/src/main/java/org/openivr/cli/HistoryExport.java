package org.openivr.cli;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.openivr.workflows.payload.PayloadTreeDecoder;

/**
 * Saves the Temporal history of demo calls. Committed under the workflows module's test resources,
 * they are replayed against the current interpreter, so a change that would break calls already in
 * flight during a deployment fails the build. They are saved decrypted, so that replaying them needs no key: they
 * hold what the scripted callers typed, sensitive keys included (test data, never a real call's).
 */
final class HistoryExport {
    private HistoryExport() {}

    static void save(WorkflowClient client, PayloadTreeDecoder decoder, List<CallRun> runs, Path directory, PrintStream out)
            throws IOException {
        Files.createDirectories(directory);
        for (CallRun run : runs) {
            if (run.result() == null) {
                continue;
            }
            String name = (run.flow() + "--" + run.call().name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
            Path file = directory.resolve(name + ".json");
            WorkflowExecutionHistory history = client.fetchHistory(run.callId());
            WorkflowExecutionHistory decrypted = new WorkflowExecutionHistory(decoder.decode(history.getHistory()),
                    run.callId());
            Files.writeString(file, decrypted.toJson(true), StandardCharsets.UTF_8);
            out.println("history of " + run.label() + " -> " + file);
        }
    }
}
