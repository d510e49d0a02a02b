package dev.trailhouse.write.parquet;

import java.util.Arrays;

/**
 * Distinct byte strings of one column chunk, each with a dense id in first-seen order: the
 * dictionary of Parquet's dictionary encoding. Values are copied in once; a repeated value costs a
 * hash and a comparison.
 */
final class Dictionary {
  private final ByteBuf bytes = new ByteBuf(1 << 12);
  private final IntList starts = new IntList(64);
  private int[] hashes = new int[64];
  private int[] table = new int[128]; // id + 1, 0 = empty
  private int size;

  int size() {
    return size;
  }

  /** Bytes of the values, without Parquet's 4-byte length prefixes. */
  int byteSize() {
    return bytes.size();
  }

  byte[] data() {
    return bytes.array();
  }

  int start(int id) {
    return starts.get(id);
  }

  int length(int id) {
    return (id + 1 < size ? starts.get(id + 1) : bytes.size()) - starts.get(id);
  }

  /** Whether the value is the one with this id. */
  boolean is(int id, byte[] b, int off, int len) {
    int s = starts.get(id);
    return length(id) == len && dev.trailhouse.row.JsonBytes.equal(bytes.array(), s, b, off, len);
  }

  /** The id of the value, adding it if new. */
  int intern(byte[] b, int off, int len) {
    int h = (int) dev.trailhouse.row.JsonBytes.hash(b, off, len);
    int mask = table.length - 1;
    int slot = h & mask;
    while (true) {
      int e = table[slot];
      if (e == 0) {
        break;
      }
      int id = e - 1;
      if (hashes[id] == h) {
        int s = starts.get(id);
        int l = length(id);
        if (l == len && dev.trailhouse.row.JsonBytes.equal(bytes.array(), s, b, off, len)) {
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
    int id = size++;
    starts.add(bytes.size());
    bytes.put(b, off, len);
    if (id == hashes.length) {
      hashes = Arrays.copyOf(hashes, id * 2);
    }
    hashes[id] = h;
    table[slot] = id + 1;
    if (size * 2 > table.length) {
      rehash();
    }
    return id;
  }

  private void rehash() {
    int[] t = new int[table.length * 2];
    int mask = t.length - 1;
    for (int id = 0; id < size; id++) {
      int slot = hashes[id] & mask;
      while (t[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      t[slot] = id + 1;
    }
    table = t;
  }

  /** Rank of each id in unsigned byte order (Parquet's order for strings): rank[id]. */
  int[] ranks() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    byte[] d = bytes.array();
    Arrays.sort(
        order,
        (x, y) -> {
          int sx = start(x);
          int sy = start(y);
          return Arrays.compareUnsigned(d, sx, sx + length(x), d, sy, sy + length(y));
        });
    int[] rank = new int[size];
    for (int r = 0; r < size; r++) {
      rank[order[r]] = r;
    }
    return rank;
  }

  void clear() {
    bytes.clear();
    starts.clear();
    Arrays.fill(table, 0);
    size = 0;
  }
}
