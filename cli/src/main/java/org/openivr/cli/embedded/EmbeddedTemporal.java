package org.openivr.cli.embedded;

import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's own test server (from {@code temporal-test-server}), on loopback only and with time
 * skipping off, so a laptop runs real calls with no Temporal installation. {@code TestServer.main}
 * binds every interface, which would expose an unauthenticated server to the network; this uses
 * the same server classes (internal API, checked against 1.38.0) on 127.0.0.1, with two defects of theirs
 * repaired ({@link TestServerRepairs}).
 */
public final class EmbeddedTemporal implements AutoCloseable {
    private final TestServicesStarter services;
    private final Server server;

    private EmbeddedTemporal(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    public static EmbeddedTemporal start(int port) throws IOException {
        return start(port, true);
    }

    /** @param repaired false only for tests that show what the repairs change */
    static EmbeddedTemporal start(int port, boolean repaired) throws IOException {
        TestServicesStarter services = new TestServicesStarter(true, 0);
        if (repaired) {
            TestServerRepairs.apply(services);
        }
        ServerBuilder<?> builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        Server server = builder.build().start();
        return new EmbeddedTemporal(services, server);
    }

    TestServicesStarter services() {
        return services;
    }

    public String address() {
        return "127.0.0.1:" + server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        services.close();
    }
}
