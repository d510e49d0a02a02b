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

  /** The values as big-endian bytes, 8 a value (a byte[] travels and is written whole). */
  public byte[] toBytes() {
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(size * 8);
    bytes.asLongBuffer().put(a, 0, size);
    return bytes.array();
  }

  /** The values of {@link #toBytes()}. */
  public static long[] fromBytes(byte[] bytes) {
    long[] out = new long[bytes.length / 8];
    java.nio.ByteBuffer.wrap(bytes).asLongBuffer().get(out);
    return out;
  }
}
