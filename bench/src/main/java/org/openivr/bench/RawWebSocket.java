package org.openivr.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A deliberately cheap WebSocket client for the load driver: a blocking socket, the upgrade by hand, and text
 * frames masked once in advance ({@link #frame}), so that the client's cost per message is one write and the
 * measurement is of the server, not of a client library. Loopback only.
 */
final class RawWebSocket implements AutoCloseable {
    private static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};
    private final Socket socket;
    private final OutputStream out;

    RawWebSocket(int port, String path) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString(path.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key.getBytes(
                StandardCharsets.US_ASCII)) + "\r\nSec-WebSocket-Version: 13\r\nx-ms-call-connection-id: load\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed during the upgrade: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + head.toString().lines().findFirst().orElse(""));
        }
    }

    /** A complete, masked client text frame for {@code text}. */
    static byte[] frame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
        byte[] f = new byte[header + 4 + payload.length];
        f[0] = (byte) 0x81;
        if (header == 2) {
            f[1] = (byte) (0x80 | payload.length);
        } else if (header == 4) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (payload.length >> 8);
            f[3] = (byte) payload.length;
        } else {
            f[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                f[2 + i] = (byte) ((long) payload.length >> (56 - 8 * i));
            }
        }
        System.arraycopy(MASK, 0, f, header, 4);
        for (int i = 0; i < payload.length; i++) {
            f[header + 4 + i] = (byte) (payload[i] ^ MASK[i % 4]);
        }
        return f;
    }

    void send(byte[] frame) throws IOException {
        out.write(frame);
    }

    @Override
    public void close() throws IOException {
        try {
            out.write(new byte[] {(byte) 0x88, (byte) 0x80, 0, 0, 0, 0});
        } finally {
            socket.close();
        }
    }
}
