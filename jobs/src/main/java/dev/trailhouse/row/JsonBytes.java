package dev.trailhouse.row;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte-level helpers for scanning JSON text eight bytes at a time. */
public final class JsonBytes {
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;
  private static final long QUOTES = ONES * '"';
  private static final long BACKSLASHES = ONES * '\\';
  private static final long SPACES = ONES * 0x20;

  private JsonBytes() {}

  /**
   * The first index in {@code [i, end)} holding a byte that ends a plain run inside a JSON string:
   * a quote, a backslash, a control byte (below 0x20) or a non-ASCII byte; {@code end} if none.
   */
  public static int plainRun(byte[] b, int i, int end) {
    while (i + 8 <= end) {
      long v = (long) LONG.get(b, i);
      long q = v ^ QUOTES;
      long s = v ^ BACKSLASHES;
      long special = ((q - ONES) & ~q) | ((s - ONES) & ~s) | (v - SPACES) | v;
      if ((special & HIGHS) != 0) {
        break;
      }
      i += 8;
    }
    while (i < end) {
      byte c = b[i];
      if (c == '"' || c == '\\' || c < 0x20) {
        return i;
      }
      i++;
    }
    return end;
  }

  /**
   * Bytes {@code [at, at+8)} of {@code b} as a little-endian long, those at or past {@code end}
   * taken as zero (so two ranges' words compare equal exactly when their bytes do).
   */
  public static long word(byte[] b, int at, int end) {
    int n = end - at;
    if (n <= 0) {
      return 0;
    }
    if (n >= 8) {
      return (long) LONG.get(b, at);
    }
    if (at + 8 <= b.length) {
      return (long) LONG.get(b, at) & (-1L >>> (64 - 8 * n));
    }
    long v = 0;
    for (int i = n - 1; i >= 0; i--) {
      v = v << 8 | (b[at + i] & 0xFF);
    }
    return v;
  }

  private static final long K1 = 0x9E3779B97F4A7C15L;
  private static final long K2 = 0xC2B2AE3D27D4EB4FL;

  /**
   * A fast 64-bit hash of a byte range, for hash tables (not for identity: collisions are checked).
   */
  public static long hash(byte[] b, int off, int len) {
    long h = len * K1;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h = Long.rotateLeft(h ^ ((long) LONG.get(b, i) * K2), 29) * K1;
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (b[i] & 0xFFL) << shift;
    }
    h = Long.rotateLeft(h ^ (tail * K2), 29) * K1;
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** Whether two byte ranges of the same length hold the same bytes. */
  public static boolean equal(byte[] a, int ai, byte[] b, int bi, int len) {
    int k = 0;
    for (; k + 8 <= len; k += 8) {
      if ((long) LONG.get(a, ai + k) != (long) LONG.get(b, bi + k)) {
        return false;
      }
    }
    for (; k < len; k++) {
      if (a[ai + k] != b[bi + k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Validates the UTF-8 sequence at {@code i} (a byte of 0x80 or more) against {@code end}; returns
   * the index after it, or -1 when it is not well-formed (overlong, surrogate, cut short).
   */
  public static int utf8(byte[] b, int i, int end) {
    int lead = b[i] & 0xFF;
    int n;
    int min = 0x80;
    int max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      n = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      n = 2;
      if (lead == 0xE0) {
        min = 0xA0;
      } else if (lead == 0xED) {
        max = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      n = 3;
      if (lead == 0xF0) {
        min = 0x90;
      } else if (lead == 0xF4) {
        max = 0x8F;
      }
    } else {
      return -1;
    }
    if (i + n >= end) {
      return -1;
    }
    for (int k = 1; k <= n; k++) {
      int c = b[i + k] & 0xFF;
      if (c < (k == 1 ? min : 0x80) || c > (k == 1 ? max : 0xBF)) {
        return -1;
      }
    }
    return i + n + 1;
  }
}
