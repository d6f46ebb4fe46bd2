package org.openivr.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** {@code ivr serve}: the platform, running until stopped. */
final class ServeCommand {
    private final PrintStream out;

    ServeCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        int port = Ivr.port(args, 8080);
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--port")) {
                i++;
            } else {
                throw new UsageException("serve does not take '" + args.get(i) + "'");
            }
        }
        String temporal = blankToNull(System.getenv("TEMPORAL_ADDRESS"));
        String acs = blankToNull(System.getenv("ACS_CONNECTION_STRING"));
        Path flows = Path.of(System.getProperty("ivr.flows", "flows"));
        try {
            Platform platform = Platform.start(new PlatformOptions(flows, port, temporal, acs, Map.of(), 1.0,
                    blankToNull(System.getenv("IVR_PUBLIC_URL"))));
            Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
            out.println("API on http://127.0.0.1:" + platform.apiPort() + "  (Event Grid: /api/events, ACS callbacks: /api/callbacks/{callId})");
            out.println("Temporal: " + (temporal == null ? "embedded on loopback" : temporal));
            if (platform.emulator() != null) {
                out.println("ACS emulator: " + platform.emulator().endpoint());
            }
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

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
