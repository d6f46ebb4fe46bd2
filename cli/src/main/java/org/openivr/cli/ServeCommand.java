package org.openivr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.openivr.cli.embedded.EmbeddedTemporal;

/** {@code ivr serve}: the platform, running until stopped. */
final class ServeCommand {
    private final PrintStream out;

    ServeCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        int port = Ivr.port(args, 8080);
        int temporalPort = temporalPort(args);
        boolean runsWorker = true;
        Duration retention = EmbeddedTemporal.DEFAULT_RETENTION;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--port") || args.get(i).equals("--temporal-port")) {
                i++;
            } else if (args.get(i).equals("--retention")) {
                if (i + 1 >= args.size()) {
                    throw new UsageException("--retention needs a value");
                }
                retention = DurationOption.parse("--retention", args.get(++i));
            } else if (args.get(i).equals("--no-worker")) {
                runsWorker = false;
            } else {
                throw new UsageException("serve does not take '" + args.get(i) + "'");
            }
        }
        String temporal = blankToNull(System.getenv("TEMPORAL_ADDRESS"));
        String acs = blankToNull(System.getenv("ACS_CONNECTION_STRING"));
        Path flows = Path.of(System.getProperty("ivr.flows", "flows"));
        try {
            PlatformOptions options = new PlatformOptions(flows, port, temporal, acs, Map.of(), 1.0,
                    blankToNull(System.getenv("IVR_PUBLIC_URL")), temporalPort).withRetention(retention);
            Platform platform = Platform.start(runsWorker ? options : options.withoutWorker());
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
            out.println("API on http://127.0.0.1:" + platform.apiPort() + "  (Event Grid: /api/events, ACS callbacks: /api/callbacks/{callId})");
            out.println("Temporal: " + (temporal == null ? "embedded on " + platform.temporalAddress()
                    + " (written to " + TemporalAddressFile.path() + " for ivr calls / ivr inspect); it forgets a call "
                    + DurationOption.format(retention) + " after it ended (--retention)" : temporal));
            out.println("Inspector: http://127.0.0.1:" + platform.apiPort() + "/inspector   Metrics: /actuator/prometheus   Health: /actuator/health");
            out.println("REST API: /api/calls, /api/flows   OpenAPI: /api/openapi.json   Try it: http://127.0.0.1:"
                    + platform.apiPort() + "/api/docs");
            out.println("API key: " + (System.getenv("IVR_API_KEYS") != null && !System.getenv("IVR_API_KEYS").isBlank()
                    ? "from IVR_API_KEYS" : platform.apiKey() + "  (made for this run; set IVR_API_KEYS to choose;"
                    + " ivr call uses IVR_API_KEY)"));
            out.println("Temporal payloads: encrypted with the key from " + platform.payloadKeysFrom()
                    + " (ivr inspect and the inspector decrypt them)");
            if (platform.emulator() != null) {
                out.println("ACS emulator: " + platform.emulator().endpoint());
            }
            out.println((runsWorker ? "Worker: in this process; more with: " : "Worker: none here (--no-worker); start one or more with: ")
                    + (System.getenv("IVR_MEDIA_TOKEN_SECRET") == null
                            ? "IVR_MEDIA_TOKEN_SECRET=" + platform.workerEnvironment().get("IVR_MEDIA_TOKEN_SECRET") + " " : "")
                    + "./ivr worker " + String.join(" ", platform.workerArguments().stream().map(ServeCommand::quoted).toList()));
            new CountDownLatch(1).await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            out.println("ivr serve could not start: " + e.getMessage());
            return 1;
        }
    }

    /** {@code --temporal-port N}: the embedded Temporal server's port (0, the default, picks a free one). */
    static int temporalPort(List<String> args) {
        int at = args.indexOf("--temporal-port");
        if (at < 0) {
            return 0;
        }
        if (at + 1 >= args.size()) {
            throw new UsageException("--temporal-port needs a number");
        }
        try {
            int port = Integer.parseInt(args.get(at + 1));
            if (port < 0 || port > 65535) {
                throw new UsageException("--temporal-port must be between 0 and 65535, not " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--temporal-port needs a number, not '" + args.get(at + 1) + "'");
        }
    }

    private static String quoted(String arg) {
        return arg.contains(";") || arg.contains(" ") ? "'" + arg + "'" : arg;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
