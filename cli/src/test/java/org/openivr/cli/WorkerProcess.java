package org.openivr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An {@code ivr worker} in a JVM of its own, started with this test JVM's java and classpath, its output in a file.
 * {@link #kill()} is SIGKILL on Linux ({@link Process#destroyForcibly()}): no shutdown hook, no goodbye to Temporal.
 */
final class WorkerProcess {
    /** The activity log lines of ACS operations ({@code callId=... answer ok}, {@code callConnectionId=... play ok}). */
    private static final Pattern ACS_OPERATION = Pattern.compile(" (answer|play|recognize|hangUp|sendDtmf|hold|unhold"
            + "|transfer|startRecording|cancelMedia|startContinuousDtmf|stopContinuousDtmf) ok");

    final String name;
    final Path log;
    private final Process process;

    private WorkerProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static WorkerProcess start(String name, List<String> workerArguments, java.util.Map<String, String> environment,
                               Path logDir) throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: two cores are shared with the platform and the other worker.
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                Ivr.class.getName(), "worker"));
        command.addAll(workerArguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        return new WorkerProcess(name, log, process);
    }

    long pid() {
        return process.pid();
    }

    /** Waits until the worker polls Temporal; fails if it exits first or takes longer than {@code limit}. */
    void awaitReady(Duration limit) throws InterruptedException {
        awaitLog(text -> text.contains(WorkerCommand.READY), limit, "to start polling");
    }

    /** Waits until the worker has carried out more than {@code done} ACS operations of calls. */
    void awaitCallWork(long done, Duration limit) throws InterruptedException {
        awaitLog(text -> ACS_OPERATION.matcher(text).results().count() > done, limit,
                "to carry out more than " + done + " ACS operation(s)");
    }

    /** How many ACS operations the worker logged as done. */
    long acsOperations() {
        return ACS_OPERATION.matcher(text()).results().count();
    }

    private void awaitLog(java.util.function.Predicate<String> condition, Duration limit, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.test(text())) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it came " + what
                        + "; its output is in " + log);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " took more than " + limit + " " + what + "; its output is in " + log);
    }

    private String text() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL, and waits until the process is gone; returns when it was killed. */
    Instant kill() throws InterruptedException {
        Instant at = Instant.now();
        process.destroyForcibly();
        process.waitFor();
        return at;
    }

    /** For clean-up: SIGKILL if still running. */
    void stop() {
        process.destroyForcibly();
    }
}
