package org.openivr.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.openivr.worker.WorkerApplication;
import org.openivr.workflows.payload.PayloadEncryption;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ivr worker}: the Temporal worker alone (call workflows, their ACS activities, recording files), for running
 * call work in processes of its own next to an {@code ivr serve --no-worker} (or as more capacity beside a plain
 * {@code ivr serve}). It serves no HTTP: the API and the streaming worker stay in the serve process. Any number of
 * workers may poll one Temporal server; when one dies, the others carry its calls on.
 */
final class WorkerCommand {
    static final String READY = "ivr worker: polling";
    private final PrintStream out;
    private final Map<String, String> env;

    WorkerCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> args) {
        String temporal = null;
        String acs = null;
        String trust = null;
        String callbackUrl = null;
        boolean sticky = true;
        List<String> springArgs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--temporal" -> temporal = value(args, ++i, arg);
                case "--acs" -> acs = value(args, ++i, arg);
                case "--trust" -> trust = value(args, ++i, arg);
                case "--callback-url" -> callbackUrl = value(args, ++i, arg);
                case "--no-sticky" -> sticky = false;
                default -> {
                    if (arg.startsWith("--") && arg.indexOf('=') > 2) {
                        springArgs.add(arg); // a Spring property, e.g. --ivr.recordings.dir=/var/ivr
                    } else {
                        throw new UsageException("worker does not take '" + arg + "'");
                    }
                }
            }
        }
        if (temporal == null) {
            temporal = blankToNull(env.get("TEMPORAL_ADDRESS"));
        }
        if (temporal == null) {
            // The embedded server of an `ivr serve` in this directory: a test server, so no sticky cache.
            temporal = TemporalAddressFile.read().orElse(null);
            sticky = sticky && temporal == null;
        }
        if (temporal == null) {
            throw new UsageException("worker needs a Temporal server: --temporal HOST:PORT (or TEMPORAL_ADDRESS, or an"
                    + " ivr serve running in this directory)");
        }
        if (acs == null) {
            acs = blankToNull(env.get("ACS_CONNECTION_STRING"));
        }
        if (acs == null) {
            throw new UsageException("worker needs the ACS connection string: --acs 'endpoint=https://...;accesskey=...'"
                    + " (or ACS_CONNECTION_STRING); ivr serve prints its emulator's");
        }
        if (callbackUrl == null) {
            callbackUrl = blankToNull(env.get("IVR_PUBLIC_URL"));
        }
        List<String> properties = new ArrayList<>(List.of(
                "--spring.temporal.connection.target=" + temporal,
                "--ivr.acs.connection-string=" + acs,
                "--ivr.acs.callback-base-url=" + (callbackUrl == null ? "http://127.0.0.1:8080" : callbackUrl),
                "--ivr.worker.sticky=" + sticky,
                "--spring.main.banner-mode=off"));
        if (trust != null) {
            properties.add("--ivr.acs.trusted-certificate=" + trust);
        }
        // The key Temporal payloads are encrypted with: IVR_PAYLOAD_KEYS (Spring reads it itself), else the key file
        // an ivr serve in this directory made; passed inside this JVM, never on a command line.
        PayloadKeyFile.Source payloadKeys = PayloadKeyFile.forReading(env);
        if (!PayloadEncryption.ENVIRONMENT.equals(payloadKeys.from()) && !"none".equals(payloadKeys.from())) {
            properties.add("--" + PayloadEncryption.PROPERTY + "=" + payloadKeys.keys().format());
        }
        properties.addAll(springArgs);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(WorkerApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(properties.toArray(String[]::new));
        } catch (RuntimeException e) {
            out.println("ivr worker could not start: " + rootMessage(e));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        // Spring starts the Temporal workers when the context is ready, which run() waits for.
        out.println(READY + " ivr-calls and ivr-recordings on " + temporal + " (pid " + ProcessHandle.current().pid()
                + ", sticky cache " + (sticky ? "on" : "off") + ")");
        out.flush();
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String value(List<String> args, int at, String option) {
        if (at >= args.size() || args.get(at).isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(at);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
