package dev.trailhouse.write.parquet;

import java.util.Arrays;

/** A growable int array. */
public final class IntList {
  private int[] a;
  private int size;

  public IntList(int capacity) {
    a = new int[Math.max(8, capacity)];
  }

  public void add(int v) {
    if (size == a.length) {
      a = Arrays.copyOf(a, a.length * 2);
    }
    a[size++] = v;
  }

  public int get(int i) {
    return a[i];
  }

  public void set(int i, int v) {
    a[i] = v;
  }

  public int size() {
    return size;
  }

  public int[] array() {
    return a;
  }

  public void clear() {
    size = 0;
  }
}
