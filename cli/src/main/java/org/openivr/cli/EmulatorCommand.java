package org.openivr.cli;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.openivr.emulator.AcsEmulator;
import org.openivr.emulator.EmulatorOptions;
import org.openivr.emulator.Faults;

/** {@code ivr emulator}: the local ACS alone, for pointing another process at it. */
final class EmulatorCommand {
    private final PrintStream out;

    EmulatorCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> args) {
        int port = Ivr.port(args, 0);
        URI events = URI.create("http://127.0.0.1:8080/api/events");
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--port" -> i++;
                case "--events" -> {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--events needs the URL of the Event Grid webhook");
                    }
                    events = URI.create(args.get(++i));
                }
                default -> throw new UsageException("emulator does not take '" + args.get(i) + "'");
            }
        }
        try {
            AcsEmulator emulator = AcsEmulator.start(new EmulatorOptions(port, null, events, 1.0, Faults.none()));
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
            out.println("ACS emulator on " + emulator.endpoint());
            out.println("connection string: " + emulator.connectionString());
            out.println("trust this certificate: " + emulator.certificatePemFile());
            out.println("Event Grid deliveries go to " + events);
            new CountDownLatch(1).await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (Exception e) {
            out.println("ivr emulator could not start: " + e.getMessage());
            return 1;
        }
    }
}
