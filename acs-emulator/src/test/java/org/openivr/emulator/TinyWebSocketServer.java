package org.openivr.emulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Just enough of an RFC 6455 server for tests: accepts upgrades on 127.0.0.1 (or answers 404 when told to), keeps
 * the request headers and every text message received.
 */
final class TinyWebSocketServer implements AutoCloseable {
  final List<String> messages = new CopyOnWriteArrayList<>();
  final Map<String, String> headers = new ConcurrentHashMap<>();
  volatile String path;
  volatile boolean closedByClient;
  private final ServerSocket server;
  private final boolean refuse;
  private final List<Socket> sockets = new ArrayList<>();

  TinyWebSocketServer(boolean refuse) throws IOException {
    this.refuse = refuse;
    this.server = new ServerSocket(0, 8, InetAddress.getByName("127.0.0.1"));
    Thread t = new Thread(this::serve, "tiny-ws");
    t.setDaemon(true);
    t.start();
  }

  String url(String path) {
    return "ws://127.0.0.1:" + server.getLocalPort() + path;
  }

  private void serve() {
    try {
      while (!server.isClosed()) {
        Socket socket = server.accept();
        synchronized (sockets) {
          sockets.add(socket);
        }
        Thread t = new Thread(() -> handle(socket), "tiny-ws-conn");
        t.setDaemon(true);
        t.start();
      }
    } catch (IOException e) {
      // closed
    }
  }

  private void handle(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      String request = readHead(in);
      String[] lines = request.split("\r\n");
      path = lines[0].split(" ")[1];
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
      }
      if (refuse) {
        out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return;
      }
      String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
          (headers.get("sec-websocket-key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      DataInputStream data = new DataInputStream(in);
      ByteArrayOutputStream message = new ByteArrayOutputStream();
      while (true) {
        int b0 = data.readUnsignedByte();
        int b1 = data.readUnsignedByte();
        int opcode = b0 & 0x0f;
        long length = b1 & 0x7f;
        if (length == 126) {
          length = data.readUnsignedShort();
        } else if (length == 127) {
          length = data.readLong();
        }
        byte[] mask = new byte[4];
        if ((b1 & 0x80) != 0) {
          data.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i % 4];
        }
        if (opcode == 8) {
          closedByClient = true;
          out.write(new byte[] {(byte) 0x88, 0});
          out.flush();
          return;
        }
        if (opcode == 1 || opcode == 0) {
          message.write(payload);
          if ((b0 & 0x80) != 0) {
            messages.add(message.toString(StandardCharsets.UTF_8));
            message.reset();
          }
        }
      }
    } catch (Exception e) {
      // connection ended
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("eof in handshake");
      }
      head.write(b);
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
