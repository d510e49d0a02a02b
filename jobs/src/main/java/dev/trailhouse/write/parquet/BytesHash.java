package dev.trailhouse.write.parquet;

/** A fast 64-bit hash of a byte range, for hash tables (not for identity: collisions are checked). */
public final class BytesHash {
  private static final long K1 = 0x9E3779B97F4A7C15L;
  private static final long K2 = 0xC2B2AE3D27D4EB4FL;

  private BytesHash() {}

  public static long hash(byte[] b, int off, int len) {
    long h = len * K1;
    int i = off;
    int end = off + len;
    for (; i + 8 <= end; i += 8) {
      h = Long.rotateLeft(h ^ (ByteBuf.longLe(b, i) * K2), 29) * K1;
    }
    long tail = 0;
    for (int shift = 0; i < end; i++, shift += 8) {
      tail |= (b[i] & 0xFFL) << shift;
    }
    h = Long.rotateLeft(h ^ (tail * K2), 29) * K1;
    return mix(h);
  }

  /** Murmur3's finalizer: every input bit reaches every output bit. */
  public static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
