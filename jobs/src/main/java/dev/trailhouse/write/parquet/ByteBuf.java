package dev.trailhouse.write.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A growable byte array with little-endian writes: page bodies, value arenas, level runs. */
public final class ByteBuf {
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] a;
  private int size;

  public ByteBuf(int capacity) {
    a = new byte[Math.max(16, capacity)];
  }

  public byte[] array() {
    return a;
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }

  /** Makes room for {@code n} more bytes. */
  public void reserve(int n) {
    if (size + n > a.length) {
      long want = Math.max((long) a.length * 2, (long) size + n);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("a buffer of more than 2 GiB was asked for");
      }
      a = Arrays.copyOf(a, (int) want);
    }
  }

  public void put(byte b) {
    reserve(1);
    a[size++] = b;
  }

  public void put(byte[] src, int off, int len) {
    reserve(len);
    System.arraycopy(src, off, a, size, len);
    size += len;
  }

  public void putIntLe(int v) {
    reserve(4);
    INT.set(a, size, v);
    size += 4;
  }

  public void putLongLe(long v) {
    reserve(8);
    LONG.set(a, size, v);
    size += 8;
  }

  /** Overwrites four bytes at {@code at} (a length prefix written after its body). */
  public void setIntLe(int at, int v) {
    INT.set(a, at, v);
  }

  /** Unsigned LEB128, as Parquet's RLE run headers use. */
  public void putVarInt(int v) {
    reserve(5);
    while ((v & ~0x7F) != 0) {
      a[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    a[size++] = (byte) v;
  }

  public byte[] toArray() {
    return Arrays.copyOf(a, size);
  }
}
