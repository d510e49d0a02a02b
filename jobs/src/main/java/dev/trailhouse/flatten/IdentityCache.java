package dev.trailhouse.flatten;

import dev.trailhouse.row.JsonBytes;
import java.util.Arrays;

/**
 * The identity columns a {@code userIdentity} object gave, by its exact bytes: a session's calls
 * repeat the same object, so the fast path parses each distinct one once per task. An entry holds
 * copies of the object and of the column values, so rows that use it never point into a buffer that
 * is reused. Each entry has a token, unique for the cache's life, that a writer may use to remember
 * what it did with those values.
 */
final class IdentityCache {
  private static final int SLOTS = 1 << 12;

  /** One distinct userIdentity object and its columns. */
  static final class Entry {
    final byte[] raw;
    final long hash;
    final int token;
    final int[] columns;
    final byte[][] values;
    final long mfa; // -1 none, else 0/1
    final long created; // Long.MIN_VALUE none

    Entry(
        byte[] raw, long hash, int token, int[] columns, byte[][] values, long mfa, long created) {
      this.raw = raw;
      this.hash = hash;
      this.token = token;
      this.columns = columns;
      this.values = values;
      this.mfa = mfa;
      this.created = created;
    }
  }

  private final Entry[] slots = new Entry[SLOTS];
  private int tokens;

  Entry get(byte[] b, int from, int to, long hash) {
    Entry e = slots[(int) hash & (SLOTS - 1)];
    if (e != null
        && e.hash == hash
        && e.raw.length == to - from
        && JsonBytes.equal(e.raw, 0, b, from, to - from)) {
      return e;
    }
    return null;
  }

  Entry put(
      byte[] b,
      int from,
      int to,
      long hash,
      int[] columns,
      byte[][] values,
      long mfa,
      long created) {
    Entry e =
        new Entry(Arrays.copyOfRange(b, from, to), hash, tokens++, columns, values, mfa, created);
    slots[(int) hash & (SLOTS - 1)] = e;
    return e;
  }
}
