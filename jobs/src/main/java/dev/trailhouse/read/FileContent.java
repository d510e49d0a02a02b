package dev.trailhouse.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * The decompressed bytes of one log file. Gzip is detected by its magic bytes, so a plain JSON file
 * is read too; a damaged gzip stream keeps every byte decoded before the damage.
 */
public final class FileContent {
  private byte[] buf = new byte[1 << 20];
  private int len;
  private String damage;
  private boolean gzip;

  /** Reads {@code in} fully (and closes it), replacing the previous content. */
  public FileContent read(InputStream raw) throws IOException {
    len = 0;
    damage = null;
    try (BufferedInputStream in = new BufferedInputStream(raw, 1 << 16)) {
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      gzip = b0 == 0x1f && b1 == 0x8b;
      try {
        InputStream src = gzip ? new GZIPInputStream(in, 1 << 16) : in;
        int n;
        while ((n = src.read(buf, len, buf.length - len)) > 0) {
          len += n;
          if (len == buf.length) {
            grow();
          }
        }
      } catch (IOException e) {
        if (!gzip) {
          throw e;
        }
        damage = "the gzip stream is damaged after " + len + " bytes (" + e.getMessage() + ")";
      }
    }
    return this;
  }

  private void grow() {
    if (buf.length >= Integer.MAX_VALUE / 2) {
      throw new IllegalStateException("a log file decompresses to more than 1 GiB");
    }
    byte[] bigger = new byte[buf.length * 2];
    System.arraycopy(buf, 0, bigger, 0, len);
    buf = bigger;
  }

  public byte[] bytes() {
    return buf;
  }

  public int length() {
    return len;
  }

  /** Why the stream ended early, or null when it was read whole. */
  public String damage() {
    return damage;
  }

  public boolean gzip() {
    return gzip;
  }
}
