package dev.trailhouse.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.catalyst.expressions.XXH64;
import org.apache.spark.unsafe.Platform;

/**
 * The 128-bit key of an event id. A canonical lower-case UUID (what CloudTrail writes) is its own
 * 128 bits, so two different UUIDs never share a key; any other id gets two independent 64-bit
 * hashes (a collision with any other id is about 2^-128). Events are the same event when their
 * event_date and key are equal, as the events table's (event_date, event_id) identity.
 */
public final class EventKey {
  private static final long SEED_A = 0x5EED_A5A5_1234_0001L;
  private static final long SEED_B = 0x0BAD_F00D_5678_0002L;

  private EventKey() {}

  /** Computes the key of {@code id[off, off+len)} into {@code out[0..1]}. */
  public static void of(byte[] id, int off, int len, long[] out) {
    if (len == 36 && uuid(id, off, out)) {
      return;
    }
    long base = Platform.BYTE_ARRAY_OFFSET + off;
    out[0] = XXH64.hashUnsafeBytes(id, base, len, SEED_A);
    out[1] = XXH64.hashUnsafeBytes(id, base, len, SEED_B);
  }

  public static long[] of(String id) {
    byte[] b = id.getBytes(StandardCharsets.UTF_8);
    long[] k = new long[2];
    of(b, 0, b.length, k);
    return k;
  }

  /** 8-4-4-4-12 lower-case hex digits. */
  private static boolean uuid(byte[] b, int off, long[] out) {
    if (b[off + 8] != '-' || b[off + 13] != '-' || b[off + 18] != '-' || b[off + 23] != '-') {
      return false;
    }
    long hi = 0;
    long lo = 0;
    int digits = 0;
    for (int i = off; i < off + 36; i++) {
      if (i == off + 8 || i == off + 13 || i == off + 18 || i == off + 23) {
        continue;
      }
      int c = b[i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) {
        return false;
      }
      if (digits++ < 16) {
        hi = hi << 4 | d;
      } else {
        lo = lo << 4 | d;
      }
    }
    out[0] = hi;
    out[1] = lo;
    return true;
  }
}
