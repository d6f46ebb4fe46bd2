package org.openivr.activities;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Azurite's blob service for tests: installed from npm into {@code target/azurite} on first use (so a clean
 * machine needs nothing but {@code node} and {@code npm}), started on a free loopback port with its data in a
 * temporary directory, stopped on close. Tests are skipped, with a message, only when node or npm is missing.
 */
final class Azurite implements AutoCloseable {

    static final String VERSION = "3.37.0";
    /** Azurite's fixed development account (public, documented by Azurite; not a secret). */
    static final String ACCOUNT = "devstoreaccount1";
    static final String KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static final Path HOME = Path.of("target", "azurite").toAbsolutePath();

    private final Process process;
    private final int port;

    private Azurite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Azurite start(Path dataDir) throws Exception {
        assumeTrue(works("node", "--version") && works("npm", "--version"),
                "node and npm are needed to run Azurite for the Azure Blob store tests; they are not on the PATH");
        Path bin = HOME.resolve("node_modules").resolve(".bin").resolve("azurite-blob");
        if (!Files.exists(bin)) {
            Files.createDirectories(HOME);
            Path log = HOME.resolve("npm-install.log");
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", HOME.toString(),
                    "azurite@" + VERSION)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm install azurite@" + VERSION + " took over 5 minutes; see " + log);
            }
            if (npm.exitValue() != 0 || !Files.exists(bin)) {
                throw new IllegalStateException("npm install azurite@" + VERSION + " failed (exit " + npm.exitValue()
                        + "):\n" + tail(log));
            }
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("azurite-", ".log");
        Process process = new ProcessBuilder(List.of("node", bin.toString(), "--blobHost", "127.0.0.1",
                "--blobPort", Integer.toString(port), "--location", dataDir.toString(), "--silent",
                "--skipApiVersionCheck"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Azurite azurite = new Azurite(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Azurite exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return azurite;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        azurite.close();
        throw new IllegalStateException("Azurite did not listen on port " + port + " within 30 s:\n" + tail(log));
    }

    String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + KEY
                + ";BlobEndpoint=http://127.0.0.1:" + port + "/" + ACCOUNT + ";";
    }

    private static boolean works(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
