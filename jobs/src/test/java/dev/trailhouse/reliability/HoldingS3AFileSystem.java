package dev.trailhouse.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * s3a, except that creating a Delta commit file ({@code _delta_log/<20 digits>.json}) waits, after
 * s3a's own existence check and before the object is written (s3a PUTs it on close), until a second
 * JVM has reached the same point for the same file, or {@link #SECONDS} pass. It holds open, every
 * time, the window in which two writers that both checked "commit N does not exist" both write it.
 * The rendezvous is a folder of marker files ({@link #DIR}), one per JVM and commit file.
 */
public class HoldingS3AFileSystem extends S3AFileSystem {
  public static final String DIR = "trailhouse.test.hold.dir";
  public static final String SECONDS = "trailhouse.test.hold.seconds";
  private static final Pattern COMMIT = Pattern.compile(".*/_delta_log/(\\d{20})\\.json");

  @Override
  public FSDataOutputStream create(
      Path f,
      FsPermission permission,
      boolean overwrite,
      int bufferSize,
      short replication,
      long blockSize,
      Progressable progress)
      throws IOException {
    FSDataOutputStream out =
        super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    Matcher m = COMMIT.matcher(f.toString());
    String dir = getConf().get(DIR);
    if (dir != null && m.matches()) {
      rendezvous(java.nio.file.Path.of(dir), m.group(1), getConf().getInt(SECONDS, 60));
    }
    return out;
  }

  static void rendezvous(java.nio.file.Path dir, String version, int seconds) {
    try {
      Files.createDirectories(dir);
      Files.createFile(
          dir.resolve(version + "." + ProcessHandle.current().pid() + "." + System.nanoTime()));
      long deadline = System.currentTimeMillis() + seconds * 1000L;
      while (System.currentTimeMillis() < deadline) {
        try (Stream<java.nio.file.Path> s = Files.list(dir)) {
          if (s.filter(p -> p.getFileName().toString().startsWith(version + ".")).count() >= 2) {
            return;
          }
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
