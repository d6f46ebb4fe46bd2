package org.openivr.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The {@code ivr} command. Exit codes: 0 success, 1 a check failed, 2 bad usage. */
public final class Ivr {
    static final String USAGE = """
            usage: ivr <command> [arguments]

              demo [FLOW...] [--realtime] [--save-histories DIR]
                                            run every flow's scripted calls (flows/*.calls.yaml) end to end
                                            against the local ACS emulator; exit 0 only if all meet 'expect';
                                            --save-histories writes each call's Temporal history (for replay tests)
              soak [--calls N] [--minutes M] [--ramp-up 30s] [--deadline 3m] [--report-every 30s]
                   [--probe-every 100ms] [--retention 1m] [--live-heap] [--realtime] [FLOW...]
                                            load and soak: keep N scripted calls of the demo flows in flight for
                                            M minutes (default 100 for 2); report completed, failed, lost and
                                            stuck calls, heap after GC, CPU per call, event->action and
                                            Temporal signal->activity latency; exit 0 only if every call met
                                            'expect' and no ACS step was done twice
              serve [--port N] [--temporal-port N] [--retention 24h] [--no-worker]
                                            run the platform: API, worker, embedded Temporal (unless
                                            TEMPORAL_ADDRESS) and the ACS emulator (unless ACS_CONNECTION_STRING);
                                            --retention: how long the embedded server keeps an ended call;
                                            --no-worker leaves call work to separate 'ivr worker' processes
              worker [--temporal HOST:PORT] [--acs CONNECTION] [--trust PEM] [--callback-url URL] [--no-sticky]
                                            run a Temporal worker alone (calls, ACS activities, recording files);
                                            defaults: TEMPORAL_ADDRESS (else the running serve's embedded server),
                                            ACS_CONNECTION_STRING, IVR_PUBLIC_URL, IVR_PAYLOAD_KEYS (else the
                                            serve's .ivr/payload-keys), IVR_MEDIA_TOKEN_SECRET; serve prints
                                            the line to use
              calls [--stuck] [--stuck-after 60s] [--json]
                                            open calls: flow, node, what each waits for and since when; STUCK
                                            when a wait outlasts its node; exit 1 if any call is stuck
              inspect ID [--hangup | --terminate [--reason TEXT]] [--json]
                                            one call: timeline, ACS operations and events, retries, failures,
                                            stack trace; --hangup ends it cleanly, --terminate at once
                                            (calls/inspect: --address HOST:PORT, --namespace NS; else
                                            TEMPORAL_ADDRESS, else the running serve/demo's .ivr/temporal-address)
              call --to NUMBER --flow NAME [--from NUMBER] [--var NAME=VALUE]... [--api URL] [--key KEY]
                                            place an outbound call through a running platform's API and print
                                            its timeline until it ends; exit 1 if it was not answered or failed
                                            (--api: IVR_API_URL, else http://127.0.0.1:8080; --key: IVR_API_KEY,
                                            printed by serve); Ctrl-C hangs the call up
              emulator [--port N]           run the ACS emulator alone and print its connection string
              validate FILE...              check flow files; exit 1 if any has an error
              graph FILE                    print a flow as a Mermaid flowchart; exit 1 if it has an error
              help                          this text
            """;

    private Ivr() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "demo" -> new DemoCommand(out).run(rest);
                case "soak" -> new SoakCommand(out, System::getenv).run(rest);
                case "serve" -> new ServeCommand(out).run(rest);
                case "worker" -> new WorkerCommand(out, System.getenv()).run(rest);
                case "emulator" -> new EmulatorCommand(out).run(rest);
                case "validate" -> new ValidateCommand(out).run(rest);
                case "graph" -> new GraphCommand(out, err).run(rest);
                case "calls" -> new CallsCommand(out, System.getenv()).run(rest);
                case "inspect" -> new InspectCommand(out, System.getenv()).run(rest);
                case "call" -> new CallCommand(out, System::getenv).run(rest);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println("ivr: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (org.openivr.workflows.payload.InvalidPayloadKeys e) {
            err.println("ivr: " + e.getMessage());
            return 1;
        }
    }

    /** The value after {@code --port}, checked. */
    static int port(List<String> args, int defaultPort) {
        int at = args.indexOf("--port");
        if (at < 0) {
            return defaultPort;
        }
        if (at + 1 >= args.size()) {
            throw new UsageException("--port needs a number");
        }
        try {
            int port = Integer.parseInt(args.get(at + 1));
            if (port < 0 || port > 65535) {
                throw new UsageException("--port must be between 0 and 65535, not " + port);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageException("--port needs a number, not '" + args.get(at + 1) + "'");
        }
    }
}
