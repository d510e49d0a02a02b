package dev.trailhouse.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of the local S3 server that injects faults on new connections,
 * in a fixed rotation: answer 503 SlowDown, drop the connection, answer after 1.5 s, or pass. Bounded:
 * it serves at most 5,000 connections and stops when closed.
 */
final class FaultProxy implements AutoCloseable {
  enum Fault { SLOW_DOWN, DROP, DELAY, NONE }

  private static final Fault[] ROTATION = {Fault.SLOW_DOWN, Fault.NONE, Fault.DROP, Fault.NONE, Fault.DELAY, Fault.NONE, Fault.NONE};
  private static final String SLOW_DOWN_BODY =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";

  final AtomicInteger slowDowns = new AtomicInteger();
  final AtomicInteger drops = new AtomicInteger();
  final AtomicInteger delays = new AtomicInteger();
  final AtomicInteger passed = new AtomicInteger();
  private final ServerSocket server;
  private final int target;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean faults = true;

  FaultProxy(int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = targetPort;
    pool.submit(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops injecting (the proxy keeps passing traffic). */
  void calm() {
    faults = false;
  }

  private void acceptLoop() {
    int n = 0;
    while (!server.isClosed() && n < 5_000) {
      try {
        Socket client = server.accept();
        Fault f = faults ? ROTATION[n % ROTATION.length] : Fault.NONE;
        n++;
        pool.submit(() -> handle(client, f));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void handle(Socket client, Fault fault) {
    try (client) {
      switch (fault) {
        case DROP -> drops.incrementAndGet();
        case SLOW_DOWN -> {
          slowDowns.incrementAndGet();
          readHeaders(client.getInputStream());
          byte[] body = SLOW_DOWN_BODY.getBytes(StandardCharsets.UTF_8);
          OutputStream out = client.getOutputStream();
          out.write(("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        }
        default -> {
          if (fault == Fault.DELAY) {
            delays.incrementAndGet();
            Thread.sleep(1_500);
          } else {
            passed.incrementAndGet();
          }
          try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
            var up = pool.submit(() -> copy(client.getInputStream(), upstream.getOutputStream(), upstream));
            copy(upstream.getInputStream(), client.getOutputStream(), client);
            up.cancel(true);
          }
        }
      }
    } catch (Exception e) {
      // The client or the server closed the connection: nothing to do.
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int state = 0;
    int b;
    while (state < 4 && (b = in.read()) >= 0) {
      state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
    }
  }

  private static Object copy(InputStream in, OutputStream out, Socket toClose) throws IOException {
    byte[] buf = new byte[64 * 1024];
    int n;
    try {
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        out.flush();
      }
    } finally {
      toClose.shutdownOutput();
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
