package dev.trailhouse.ingest;

/**
 * A set of (event_date, key) with open addressing over one primitive array (three longs a slot, so
 * a probe touches one cache line): one task's events.
 */
final class KeySet {
  private long[] slots;
  private int capacity;
  private int size;

  /** A set sized for about {@code expected} keys (it grows past them). */
  KeySet(long expected) {
    capacity =
        Integer.highestOneBit((int) Math.max(1024, Math.min(1 << 25, 2 * expected)) - 1) << 1;
    slots = new long[3 * capacity]; // hi, lo, day + 1 (0 = empty)
  }

  /** Adds the key; false if it was there already. */
  boolean add(int day, long hi, long lo) {
    if ((size + 1) * 2 > capacity) {
      grow();
    }
    long tag = day + 1L;
    int mask = capacity - 1;
    int slot = slot(day, hi, lo) & mask;
    while (true) {
      int at = slot * 3;
      long t = slots[at + 2];
      if (t == 0) {
        slots[at] = hi;
        slots[at + 1] = lo;
        slots[at + 2] = tag;
        size++;
        return true;
      }
      if (t == tag && slots[at] == hi && slots[at + 1] == lo) {
        return false;
      }
      slot = (slot + 1) & mask;
    }
  }

  private static int slot(int day, long hi, long lo) {
    long h = hi * 0x9E3779B97F4A7C15L ^ lo ^ (day * 0xC2B2AE3D27D4EB4FL);
    h ^= h >>> 31;
    h *= 0xff51afd7ed558ccdL;
    return (int) (h ^ (h >>> 32));
  }

  private void grow() {
    long[] old = slots;
    capacity *= 2;
    slots = new long[3 * capacity];
    size = 0;
    for (int at = 0; at < old.length; at += 3) {
      if (old[at + 2] != 0) {
        add((int) (old[at + 2] - 1), old[at], old[at + 1]);
      }
    }
  }
}
