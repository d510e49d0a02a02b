package dev.trailhouse.write.parquet;

import java.util.Arrays;

/** A growable long array. */
public final class LongList {
  private long[] a;
  private int size;

  public LongList(int capacity) {
    a = new long[Math.max(8, capacity)];
  }

  public void add(long v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  public long get(int i) {
    return a[i];
  }

  public int size() {
    return size;
  }

  public long[] array() {
    return a;
  }

  public void clear() {
    size = 0;
  }

  public void truncate(int newSize) {
    size = newSize;
  }
}
