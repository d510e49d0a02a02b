package dev.trailhouse.write.parquet;

/**
 * Parquet's RLE / bit-packing hybrid encoding of small unsigned ints (definition and repetition
 * levels, dictionary ids): runs of eight or more equal values become RLE runs, the rest is
 * bit-packed in groups of eight, least significant bit first.
 */
final class Rle {
  private Rle() {}

  /** Bits needed for values up to {@code max}. */
  static int bitWidth(int max) {
    return 32 - Integer.numberOfLeadingZeros(max);
  }

  /** Encodes {@code v[from, to)} with {@code width} bits per value. */
  static void encode(int[] v, int from, int to, int width, ByteBuf out) {
    int i = from;
    while (i < to) {
      int run = runLength(v, i, to);
      if (run >= 8) {
        rleRun(v[i], run, width, out);
        i += run;
        continue;
      }
      // Bit-pack groups of eight until a run of eight or more equal values starts a group.
      int end = i + 8;
      while (end < to && runLength(v, end, Math.min(to, end + 8)) < 8) {
        end += 8;
      }
      end = Math.min(end, to);
      bitPacked(v, i, end, width, out);
      i = end;
    }
  }

  /** Same for byte-sized values (levels). */
  static void encode(byte[] v, int from, int to, int width, ByteBuf out) {
    int i = from;
    while (i < to) {
      int run = runLength(v, i, to);
      if (run >= 8) {
        rleRun(v[i], run, width, out);
        i += run;
        continue;
      }
      int end = i + 8;
      while (end < to && runLength(v, end, Math.min(to, end + 8)) < 8) {
        end += 8;
      }
      end = Math.min(end, to);
      int groups = (end - i + 7) >>> 3;
      out.putVarInt(groups << 1 | 1);
      out.reserve(groups * width);
      long acc = 0;
      int bits = 0;
      for (int k = 0; k < groups * 8; k++) {
        int x = i + k < end ? v[i + k] : 0;
        acc |= (long) x << bits;
        bits += width;
        while (bits >= 8) {
          out.put((byte) acc);
          acc >>>= 8;
          bits -= 8;
        }
      }
      i = end;
    }
  }

  private static int runLength(int[] v, int i, int to) {
    int x = v[i];
    int j = i + 1;
    while (j < to && v[j] == x) {
      j++;
    }
    return j - i;
  }

  private static int runLength(byte[] v, int i, int to) {
    byte x = v[i];
    int j = i + 1;
    while (j < to && v[j] == x) {
      j++;
    }
    return j - i;
  }

  private static void rleRun(int value, int count, int width, ByteBuf out) {
    out.putVarInt(count << 1);
    for (int b = 0; b < (width + 7) / 8; b++) {
      out.put((byte) (value >>> (8 * b)));
    }
  }

  private static void bitPacked(int[] v, int from, int to, int width, ByteBuf out) {
    int groups = (to - from + 7) >>> 3;
    out.putVarInt(groups << 1 | 1);
    out.reserve(groups * width);
    long acc = 0;
    int bits = 0;
    for (int k = 0; k < groups * 8; k++) {
      int x = from + k < to ? v[from + k] : 0;
      acc |= (x & 0xFFFFFFFFL) << bits;
      bits += width;
      while (bits >= 8) {
        out.put((byte) acc);
        acc >>>= 8;
        bits -= 8;
      }
    }
  }
}
