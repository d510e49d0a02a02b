package dev.trailhouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server for tests: S3Proxy (filesystem backend) as a separate JVM on
 * 127.0.0.1, started from the jar the build copies to target/test-tools. Credentials are the
 * throwaway ones surefire puts in the environment (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY).
 */
public final class S3Server implements AutoCloseable {
  public static final String IDENTITY = "trailhouse-test";
  public static final String CREDENTIAL = "trailhouse-test-secret";

  private final Process process;
  private final int port;
  private final Path data;

  private S3Server(Process process, int port, Path data) {
    this.process = process;
    this.port = port;
    this.data = data;
  }

  public static S3Server start(Path dir, String... buckets) {
    try {
      Path data = Files.createDirectories(dir.resolve("s3-data"));
      for (String b : buckets) {
        Files.createDirectories(data.resolve(b));
      }
      int port = freePort();
      Path props = dir.resolve("s3proxy.properties");
      Files.writeString(
          props,
          String.join(
              "\n",
              "s3proxy.endpoint=http://127.0.0.1:" + port,
              "s3proxy.authorization=aws-v2-or-v4",
              "s3proxy.identity=" + IDENTITY,
              "s3proxy.credential=" + CREDENTIAL,
              "jclouds.provider=filesystem",
              "jclouds.filesystem.basedir=" + data,
              ""));
      Path jar =
          Path.of(
              System.getProperty("trailhouse.build.dir", "target"), "test-tools", "s3proxy.jar");
      if (!Files.exists(jar)) {
        throw new IllegalStateException(
            jar + " is missing: run the tests through Maven (it copies S3Proxy there)");
      }
      Process p =
          new ProcessBuilder(
                  List.of(
                      javaBin(),
                      "-Xmx256m",
                      "-jar",
                      jar.toString(),
                      "--properties",
                      props.toString()))
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("s3proxy.log").toFile())
              .start();
      S3Server s = new S3Server(p, port, data);
      s.awaitUp();
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** The folder holding the server's buckets (a directory per bucket). */
  public Path data() {
    return data;
  }

  /** The s3a settings that point Hadoop at this server. */
  public Map<String, String> hadoopSettings(String endpoint) {
    return Map.of(
        "fs.s3a.endpoint", endpoint,
        "fs.s3a.path.style.access", "true",
        "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.impl.disable.cache", "true",
        "fs.s3a.change.detection.version.required", "false");
  }

  private void awaitUp() {
    long deadline = System.currentTimeMillis() + 60_000;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "S3Proxy exited with " + process.exitValue() + "; see s3proxy.log");
      }
      try {
        HttpURLConnection c = (HttpURLConnection) new URL(endpoint() + "/").openConnection();
        c.setConnectTimeout(500);
        c.getResponseCode();
        return;
      } catch (IOException e) {
        sleep(200);
      }
    }
    throw new IllegalStateException("S3Proxy did not answer on " + endpoint() + " within 60 s");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
