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
 * in a fixed rotation: answer 503 SlowDown, drop the connection, answer after 1.5 s, or pass.
 * Bounded: it serves at most 5,000 connections and stops when closed. {@link #silent()} makes one
 * that accepts every connection, reads what comes and never answers (a hung endpoint); {@link
 * #forbidding} one that answers 403 AccessDenied to reads of one object until {@link #calm()}, and
 * passes the rest.
 */
final class FaultProxy implements AutoCloseable {
  enum Fault {
    SLOW_DOWN,
    DROP,
    DELAY,
    NONE,
    SILENT,
    FORBID
  }

  private static final Fault[] ROTATION = {
    Fault.SLOW_DOWN, Fault.NONE, Fault.DROP, Fault.NONE, Fault.DELAY, Fault.NONE, Fault.NONE
  };
  private static final String SLOW_DOWN_BODY =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>";

  final AtomicInteger slowDowns = new AtomicInteger();
  final AtomicInteger drops = new AtomicInteger();
  final AtomicInteger delays = new AtomicInteger();
  final AtomicInteger passed = new AtomicInteger();
  final AtomicInteger silences = new AtomicInteger();
  final AtomicInteger forbids = new AtomicInteger();
  private final ServerSocket server;
  private final int target;
  private final ExecutorService pool =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean faults = true;
  private final Fault only;
  private volatile String forbidden;

  FaultProxy(int targetPort) throws IOException {
    this(targetPort, null);
  }

  private FaultProxy(int targetPort, Fault only) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.target = targetPort;
    this.only = only;
    pool.submit(this::acceptLoop);
  }

  /**
   * A proxy that refuses GET and HEAD of keys containing {@code keyPart} (403 AccessDenied) until
   * calmed.
   */
  static FaultProxy forbidding(int targetPort, String keyPart) throws IOException {
    FaultProxy p = new FaultProxy(targetPort, Fault.FORBID);
    p.forbidden = keyPart;
    return p;
  }

  /** An endpoint that accepts connections and never answers. */
  static FaultProxy silent() throws IOException {
    return new FaultProxy(-1, Fault.SILENT);
  }

  int port() {
    return server.getLocalPort();
  }

  /** Stops injecting (the proxy keeps passing traffic). */
  void calm() {
    faults = false;
    forbidden = null;
  }

  private void acceptLoop() {
    int n = 0;
    while (!server.isClosed() && n < 5_000) {
      try {
        Socket client = server.accept();
        Fault f = only != null ? only : faults ? ROTATION[n % ROTATION.length] : Fault.NONE;
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
        case FORBID -> forbidOrPass(client);
        case SILENT -> {
          silences.incrementAndGet();
          InputStream in = client.getInputStream();
          byte[] buf = new byte[8192];
          while (in.read(buf) >= 0) {
            // Read the request and keep the connection open without a byte of answer until the
            // client gives up.
          }
        }
        case SLOW_DOWN -> {
          slowDowns.incrementAndGet();
          readHeaders(client.getInputStream());
          byte[] body = SLOW_DOWN_BODY.getBytes(StandardCharsets.UTF_8);
          OutputStream out = client.getOutputStream();
          out.write(
              ("HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: "
                      + body.length
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
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
            var up =
                pool.submit(
                    () -> copy(client.getInputStream(), upstream.getOutputStream(), upstream));
            copy(upstream.getInputStream(), client.getOutputStream(), client);
            up.cancel(true);
          }
        }
      }
    } catch (Exception e) {
      // The client or the server closed the connection: nothing to do.
    }
  }

  /**
   * Reads the request head; refuses a read of the forbidden key, else passes the request on with
   * "Connection: close" (so that every request comes on a new connection and is looked at).
   */
  private void forbidOrPass(Socket client) throws Exception {
    InputStream in = client.getInputStream();
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    int state = 0;
    int b;
    while (state < 4 && (b = in.read()) >= 0) {
      head.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
    String[] request = lines[0].split(" ");
    String key = forbidden;
    if (key != null
        && request.length > 1
        && (request[0].equals("GET") || request[0].equals("HEAD"))
        && request[1].contains(key)) {
      forbids.incrementAndGet();
      byte[] body =
          ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
                  + "<Message>Access Denied</Message></Error>")
              .getBytes(StandardCharsets.UTF_8);
      OutputStream out = client.getOutputStream();
      out.write(
          ("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nContent-Length: "
                  + (request[0].equals("HEAD") ? 0 : body.length)
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      if (!request[0].equals("HEAD")) {
        out.write(body);
      }
      out.flush();
      return;
    }
    StringBuilder rewritten = new StringBuilder(lines[0]).append("\r\n");
    for (int i = 1; i < lines.length; i++) {
      if (!lines[i].isEmpty()
          && !lines[i].toLowerCase(java.util.Locale.ROOT).startsWith("connection:")) {
        rewritten.append(lines[i]).append("\r\n");
      }
    }
    rewritten.append("Connection: close\r\n\r\n");
    passed.incrementAndGet();
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
      upstream.getOutputStream().write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
      var up = pool.submit(() -> copy(in, upstream.getOutputStream(), upstream));
      copy(upstream.getInputStream(), client.getOutputStream(), client);
      up.cancel(true);
    }
  }

  private static void readHeaders(InputStream in) throws IOException {
    int state = 0;
    int b;
    while (state < 4 && (b = in.read()) >= 0) {
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
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
