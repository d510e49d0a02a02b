package dev.trailhouse.write.parquet;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Properties;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.PositionOutputStream;

/**
 * The output stream of a data file that names its real writer in the footer's {@code created_by}.
 * parquet-mr's {@code ParquetFileWriter} always writes its own name there, and readers decide from
 * that field whether to trust statistics, so it must say who wrote the file. Once {@link #stamp()}
 * is called (just before the writer's {@code end}), the bytes of the file's tail (page indexes and
 * footer, a few KiB) are held back; on close the footer is read, its {@code created_by} replaced,
 * and the tail written with the new footer length. Nothing before the footer moves, so every offset
 * the footer records stays right.
 */
final class FooterStamp extends PositionOutputStream {
  /** What the files say they were created by, in the form parquet-mr's VersionParser reads. */
  static final String CREATED_BY = "trailhouse version " + version();

  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};
  private final PositionOutputStream out;
  private ByteArrayOutputStream tail;
  private boolean closed;

  FooterStamp(PositionOutputStream out) {
    this.out = out;
  }

  /** Holds back everything written from now on, to rewrite the footer on close. */
  void stamp() {
    tail = new ByteArrayOutputStream(1 << 14);
  }

  @Override
  public long getPos() throws IOException {
    return out.getPos() + (tail == null ? 0 : tail.size());
  }

  @Override
  public void write(int b) throws IOException {
    if (tail != null) {
      tail.write(b);
    } else {
      out.write(b);
    }
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (tail != null) {
      tail.write(b, off, len);
    } else {
      out.write(b, off, len);
    }
  }

  @Override
  public void flush() throws IOException {
    if (tail == null) {
      out.flush();
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (tail != null && tail.size() > 0) {
        out.write(restamped(tail.toByteArray()));
      }
    } finally {
      out.close();
    }
  }

  /** The tail with its footer's created_by replaced: [indexes][footer][length LE][PAR1]. */
  static byte[] restamped(byte[] tail) throws IOException {
    int n = tail.length;
    if (n < 8 || !Arrays.equals(Arrays.copyOfRange(tail, n - 4, n), MAGIC)) {
      throw new IOException("the Parquet writer's tail does not end with its footer");
    }
    int footerLength = ByteBuffer.wrap(tail, n - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int footerStart = n - 8 - footerLength;
    if (footerStart < 0) {
      throw new IOException("the Parquet footer is longer than the tail held back");
    }
    FileMetaData meta =
        Util.readFileMetaData(new ByteArrayInputStream(tail, footerStart, footerLength));
    meta.setCreated_by(CREATED_BY);
    ByteArrayOutputStream result = new ByteArrayOutputStream(n + 64);
    result.write(tail, 0, footerStart);
    ByteArrayOutputStream footer = new ByteArrayOutputStream(footerLength + 64);
    Util.writeFileMetaData(meta, footer);
    footer.writeTo(result);
    result.write(
        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(footer.size()).array());
    result.write(MAGIC);
    return result.toByteArray();
  }

  private static String version() {
    Properties p = new Properties();
    try (InputStream in =
        FooterStamp.class.getResourceAsStream("/dev/trailhouse/version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the build");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }
}
