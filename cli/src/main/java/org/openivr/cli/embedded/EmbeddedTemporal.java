package org.openivr.cli.embedded;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's own test server (from {@code temporal-test-server}), on loopback only and with time
 * skipping off, so a laptop runs real calls with no Temporal installation. {@code TestServer.main}
 * binds every interface, which would expose an unauthenticated server to the network; this uses
 * the same server classes (internal API, checked against 1.38.0) on 127.0.0.1, with four defects of theirs
 * repaired ({@link TestServerRepairs}) and a retention of ended calls ({@link EndedWorkflowRetention}).
 */
public final class EmbeddedTemporal implements AutoCloseable {
    /** How long an ended call stays readable (history, result, search attributes) by default: a day of calls. */
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);
    private final TestServicesStarter services;
    private final Server server;
    private final EndedWorkflowRetention retention;
    private final ScheduledExecutorService sweeper;

    private EmbeddedTemporal(TestServicesStarter services, Server server, EndedWorkflowRetention retention) {
        this.services = services;
        this.server = server;
        this.retention = retention;
        this.sweeper = retention == null ? null : Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "embedded-temporal-retention");
            thread.setDaemon(true);
            return thread;
        });
        if (sweeper != null) {
            long every = sweepEvery(retention.keep()).toMillis();
            sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
        }
    }

    public static EmbeddedTemporal start(int port) throws IOException {
        return start(port, DEFAULT_RETENTION);
    }

    /** @param retention how long after it ended a workflow is forgotten (zero: at the next sweep) */
    public static EmbeddedTemporal start(int port, Duration retention) throws IOException {
        return start(port, true, retention);
    }

    /** @param repaired false only for tests that show what the repairs change (and then without retention) */
    static EmbeddedTemporal start(int port, boolean repaired) throws IOException {
        return start(port, repaired, null);
    }

    private static EmbeddedTemporal start(int port, boolean repaired, Duration retention) throws IOException {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        EndedWorkflowRetention kept = null;
        List<ServerInterceptor> interceptors = new ArrayList<>();
        if (repaired) {
            TestServerRepairs.apply(services);
            kept = retention == null ? null : TestServerRepairs.retention(services, retention);
            StaleCancelsRetried staleCancels = TestServerRepairs.staleCancels(services);
            if (staleCancels != null) {
                interceptors.add(staleCancels);
            }
        }
        ServerBuilder<?> builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder, interceptors);
        Server server = builder.build().start();
        return new EmbeddedTemporal(services, server, kept);
    }

    /** Often enough that an ended call is gone within a quarter of the retention past it (at least 1 s apart). */
    static Duration sweepEvery(Duration retention) {
        Duration quarter = retention.dividedBy(4);
        Duration second = Duration.ofSeconds(1);
        Duration minute = Duration.ofMinutes(1);
        return quarter.compareTo(second) < 0 ? second : quarter.compareTo(minute) > 0 ? minute : quarter;
    }

    private void sweep() {
        try {
            int forgotten = retention.sweep(System.nanoTime());
            log.debug("Embedded Temporal forgot {} ended workflows; it holds {} ended", forgotten, retention.held());
        } catch (RuntimeException e) {
            // One failed sweep must not end the sweeping: the next one tries again.
            log.warn("Embedded Temporal: a retention sweep failed: {}", e.toString());
        }
    }

    /** Ended workflows the server still holds (as of the last sweep), or -1 when it has no retention. */
    public long endedWorkflowsHeld() {
        return retention == null ? -1 : retention.held();
    }

    /** Ended workflows forgotten so far, or -1 when it has no retention. */
    public long endedWorkflowsForgotten() {
        return retention == null ? -1 : retention.forgotten();
    }

    EndedWorkflowRetention retention() {
        return retention;
    }

    TestServicesStarter services() {
        return services;
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.close();
    }
}
