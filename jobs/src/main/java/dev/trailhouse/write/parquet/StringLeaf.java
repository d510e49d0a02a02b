package dev.trailhouse.write.parquet;

import java.io.IOException;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;

/**
 * A string leaf. Values start dictionary-encoded (interned, one id each); a leaf whose dictionary
 * grows too big for its use, or that is declared high-cardinality, stores the bytes plainly.
 */
final class StringLeaf extends Leaf {
  /**
   * Above this many dictionary bytes, or distinct values for over half the values, a chunk goes
   * plain.
   */
  static final int MAX_DICTIONARY_BYTES = 1 << 20;

  private final Dictionary dict = new Dictionary();
  private final IntList ids = new IntList(1 << 10);
  private final ByteBuf data = new ByteBuf(1 << 12);
  private final IntList ends = new IntList(1 << 10);
  private final boolean alwaysPlain;
  private boolean plain;
  private int[] rank;
  private int last = -1;

  StringLeaf(ColumnDescriptor descriptor, boolean alwaysPlain) {
    super(descriptor);
    this.alwaysPlain = alwaysPlain;
    this.plain = alwaysPlain;
  }

  void add(byte[] b, int off, int len, int repetition) {
    valueLevel(repetition);
    if (plain) {
      data.put(b, off, len);
      ends.add(data.size());
    } else {
      // Consecutive rows often repeat a value (region, account, file, event type): try the last one
      // first.
      int id = last >= 0 && dict.is(last, b, off, len) ? last : dict.intern(b, off, len);
      last = id;
      ids.add(id);
      if (dict.byteSize() > MAX_DICTIONARY_BYTES
          || (dict.size() > 4096 && dict.size() * 2 > values)) {
        toPlain();
      }
    }
  }

  /** Whether values are still dictionary ids (so {@link #addId} may be used). */
  boolean dictionaryMode() {
    return !plain;
  }

  /** The dictionary id of the value added last. */
  int lastId() {
    return last;
  }

  /** Adds a value by its dictionary id (one this chunk's dictionary gave before). */
  void addId(int id) {
    valueLevel(0);
    ids.add(id);
    last = id;
  }

  /** Expands the ids into plain bytes: from now on this chunk is not dictionary-encoded. */
  private void toPlain() {
    plain = true;
    byte[] d = dict.data();
    for (int i = 0; i < ids.size(); i++) {
      int id = ids.get(i);
      data.put(d, dict.start(id), dict.length(id));
      ends.add(data.size());
    }
    ids.clear();
    dict.clear();
    last = -1;
  }

  @Override
  void clear() {
    super.clear();
    ids.clear();
    dict.clear();
    data.clear();
    ends.clear();
    plain = alwaysPlain;
    last = -1;
  }

  @Override
  long bufferedBytes() {
    return entries + (plain ? data.size() + 4L * ends.size() : dict.byteSize() + 4L * ids.size());
  }

  private int start(int v) {
    return v == 0 ? 0 : ends.get(v - 1);
  }

  @Override
  int valueSize(int v) {
    return plain ? 4 + ends.get(v) - start(v) : 4;
  }

  @Override
  Encoding valuesEncoding() {
    return plain ? Encoding.PLAIN : Encoding.PLAIN_DICTIONARY;
  }

  @Override
  void startChunk(ParquetFileWriter w, Compressor c) throws IOException {
    if (plain) {
      return;
    }
    ByteBuf page = c.page;
    page.clear();
    byte[] d = dict.data();
    for (int id = 0; id < dict.size(); id++) {
      page.putIntLe(dict.length(id));
      page.put(d, dict.start(id), dict.length(id));
    }
    BytesInput body = c.compress(page);
    w.writeDictionaryPage(
        new DictionaryPage(body, page.size(), dict.size(), Encoding.PLAIN_DICTIONARY));
    rank = dict.ranks();
  }

  @Override
  void writeValues(ByteBuf out, int from, int to) {
    if (plain) {
      byte[] d = data.array();
      for (int v = from; v < to; v++) {
        int s = start(v);
        int len = ends.get(v) - s;
        out.putIntLe(len);
        out.put(d, s, len);
      }
    } else {
      int width = Rle.bitWidth(Math.max(0, dict.size() - 1));
      out.put((byte) width);
      Rle.encode(ids.array(), from, to, width, out);
    }
  }

  @Override
  Statistics<?> stats(int from, int to, long nulls) {
    Statistics.Builder b =
        Statistics.getBuilderForReading(descriptor.getPrimitiveType()).withNumNulls(nulls);
    if (from < to) {
      int[] mm = minMax(from, to);
      b.withMin(value(mm[0])).withMax(value(mm[1]));
    }
    return b.build();
  }

  /** Value indexes of the smallest and largest value in {@code [from, to)}. */
  int[] minMax(int from, int to) {
    int min = from;
    int max = from;
    if (plain) {
      byte[] d = data.array();
      for (int v = from + 1; v < to; v++) {
        int s = start(v);
        int e = ends.get(v);
        if (Arrays.compareUnsigned(d, s, e, d, start(min), ends.get(min)) < 0) {
          min = v;
        } else if (Arrays.compareUnsigned(d, s, e, d, start(max), ends.get(max)) > 0) {
          max = v;
        }
      }
    } else {
      int[] id = ids.array();
      for (int v = from + 1; v < to; v++) {
        int r = rank[id[v]];
        if (r < rank[id[min]]) {
          min = v;
        } else if (r > rank[id[max]]) {
          max = v;
        }
      }
    }
    return new int[] {min, max};
  }

  /** The bytes of value {@code v}. */
  byte[] value(int v) {
    if (plain) {
      return Arrays.copyOfRange(data.array(), start(v), ends.get(v));
    }
    int id = ids.get(v);
    return Arrays.copyOfRange(dict.data(), dict.start(id), dict.start(id) + dict.length(id));
  }
}
