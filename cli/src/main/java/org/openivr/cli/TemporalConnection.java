package org.openivr.cli;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openivr.api.ops.CallDirectory;
import org.openivr.api.ops.CallInspector;
import org.openivr.api.ops.StuckRule;
import org.openivr.workflows.payload.PayloadEncryption;

/**
 * The operator commands' connection to Temporal. Address: {@code --address}, else {@code TEMPORAL_ADDRESS}, else
 * the embedded server of an {@code ivr serve}/{@code demo} running in this directory ({@code .ivr/temporal-address}),
 * else {@code 127.0.0.1:7233}. Namespace: {@code --namespace}, else {@code TEMPORAL_NAMESPACE}, else
 * {@code default}. TLS when {@code TEMPORAL_TLS=true} or an API key is given ({@code TEMPORAL_API_KEY}, Temporal
 * Cloud). Payloads are decrypted with {@code IVR_PAYLOAD_KEYS}, else the key file of a platform started in this
 * directory ({@link PayloadKeyFile}); without either, only payloads written in clear can be read.
 */
final class TemporalConnection implements AutoCloseable {
    static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
    static final Duration DEADLINE = Duration.ofSeconds(5);
    private final String address;
    private final String namespace;
    private final WorkflowServiceStubs service;
    private final DataConverter converter;

    private TemporalConnection(String address, String namespace, WorkflowServiceStubs service, DataConverter converter) {
        this.converter = converter;
        this.address = address;
        this.namespace = namespace;
        this.service = service;
    }

    /** Where to connect, and a word on where that came from. */
    record Target(String address, String from) {}

    static Target target(String option, Map<String, String> env) {
        if (option != null) {
            return new Target(option, "--address");
        }
        String fromEnv = env.get("TEMPORAL_ADDRESS");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new Target(fromEnv.trim(), "TEMPORAL_ADDRESS");
        }
        return TemporalAddressFile.read().map(a -> new Target(a, TemporalAddressFile.path().toString()))
                .orElse(new Target(DEFAULT_ADDRESS, "default"));
    }

    /** Connects and checks that the server answers; throws {@link Unreachable} with a sentence otherwise. */
    static TemporalConnection open(Options options, Map<String, String> env) {
        DataConverter converter = new PayloadEncryption(PayloadKeyFile.forReading(env).keys()).dataConverter();
        Target target = target(options.address(), env);
        String namespace = options.namespace() != null ? options.namespace()
                : env.getOrDefault("TEMPORAL_NAMESPACE", "default");
        WorkflowServiceStubsOptions.Builder stubs = WorkflowServiceStubsOptions.newBuilder().setTarget(target.address());
        String apiKey = env.get("TEMPORAL_API_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            stubs.setEnableHttps(true).addApiKey(() -> apiKey);
        } else if ("true".equalsIgnoreCase(env.get("TEMPORAL_TLS"))) {
            stubs.setEnableHttps(true);
        }
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(stubs.build());
        try {
            service.blockingStub().withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            service.shutdownNow();
            throw new Unreachable("cannot reach Temporal at " + target.address() + " (from " + target.from() + "): "
                    + e.getStatus().getCode() + ". Is `ivr serve` running in this directory, or TEMPORAL_ADDRESS set?");
        }
        return new TemporalConnection(target.address(), namespace, service, converter);
    }

    String address() {
        return address;
    }

    CallDirectory directory(StuckRule rule) {
        return new CallDirectory(service, converter, namespace, rule, DEADLINE);
    }

    CallInspector inspector(StuckRule rule) {
        return new CallInspector(directory(rule));
    }

    @Override
    public void close() {
        service.shutdownNow();
    }

    /** Temporal did not answer. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** The options every operator command shares: {@code --address}, {@code --namespace}, {@code --stuck-after}, {@code --json}. */
    record Options(String address, String namespace, Duration stuckAfter, boolean json, List<String> rest) {

        static Options parse(String command, List<String> args, List<String> flags, List<String> valued) {
            String address = null;
            String namespace = null;
            Duration stuckAfter = StuckRule.DEFAULT_THRESHOLD;
            boolean json = false;
            List<String> rest = new java.util.ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                switch (arg) {
                    case "--address" -> address = value(command, args, ++i, arg);
                    case "--namespace" -> namespace = value(command, args, ++i, arg);
                    case "--stuck-after" -> stuckAfter = DurationOption.parse(arg, value(command, args, ++i, arg));
                    case "--json" -> json = true;
                    default -> {
                        if (flags.contains(arg)) {
                            rest.add(arg);
                        } else if (valued.contains(arg)) {
                            rest.add(arg);
                            rest.add(value(command, args, ++i, arg));
                        } else if (arg.startsWith("-")) {
                            throw new UsageException(command + " does not know the option '" + arg + "'");
                        } else {
                            rest.add(arg);
                        }
                    }
                }
            }
            return new Options(address, namespace, stuckAfter, json, rest);
        }

        private static String value(String command, List<String> args, int at, String option) {
            if (at >= args.size()) {
                throw new UsageException(command + ": " + option + " needs a value");
            }
            return args.get(at);
        }
    }
}
