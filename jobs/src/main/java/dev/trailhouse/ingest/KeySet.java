package dev.trailhouse.ingest;

import java.util.Arrays;

/** A set of (event_date, key) with open addressing over primitive arrays: one task's events. */
final class KeySet {
  private int[] days = new int[1 << 10];
  private long[] his = new long[1 << 10];
  private long[] los = new long[1 << 10];
  private boolean[] used = new boolean[1 << 10];
  private int size;

  int size() {
    return size;
  }

  /** Adds the key; false if it was there already. */
  boolean add(int day, long hi, long lo) {
    if ((size + 1) * 2 > used.length) {
      grow();
    }
    int mask = used.length - 1;
    int slot = slot(day, hi, lo) & mask;
    while (used[slot]) {
      if (his[slot] == hi && los[slot] == lo && days[slot] == day) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
    used[slot] = true;
    days[slot] = day;
    his[slot] = hi;
    los[slot] = lo;
    size++;
    return true;
  }

  private static int slot(int day, long hi, long lo) {
    long h = hi * 0x9E3779B97F4A7C15L ^ lo ^ (day * 0xC2B2AE3D27D4EB4FL);
    h ^= h >>> 31;
    h *= 0xff51afd7ed558ccdL;
    return (int) (h ^ (h >>> 32));
  }

  private void grow() {
    int[] d = days;
    long[] h = his;
    long[] l = los;
    boolean[] u = used;
    int n = u.length * 2;
    days = new int[n];
    his = new long[n];
    los = new long[n];
    used = new boolean[n];
    size = 0;
    for (int i = 0; i < u.length; i++) {
      if (u[i]) {
        add(d[i], h[i], l[i]);
      }
    }
  }

  void clear() {
    Arrays.fill(used, false);
    size = 0;
  }
}
