package dev.trailhouse.write.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;

/** An int64 leaf (timestamps in microseconds), plain-encoded. */
final class LongLeaf extends Leaf {
  private final LongList data = new LongList(1 << 10);

  LongLeaf(ColumnDescriptor descriptor) {
    super(descriptor);
  }

  void add(long v) {
    valueLevel(0);
    data.add(v);
  }

  @Override
  void clear() {
    super.clear();
    data.clear();
  }

  @Override
  long bufferedBytes() {
    return entries + 8L * data.size();
  }

  @Override
  int valueSize(int v) {
    return 8;
  }

  @Override
  Encoding valuesEncoding() {
    return Encoding.PLAIN;
  }

  @Override
  void writeValues(ByteBuf out, int from, int to) {
    out.reserve(8 * (to - from));
    long[] d = data.array();
    for (int v = from; v < to; v++) {
      out.putLongLe(d[v]);
    }
  }

  @Override
  Statistics<?> stats(int from, int to, long nulls) {
    Statistics.Builder b =
        Statistics.getBuilderForReading(descriptor.getPrimitiveType()).withNumNulls(nulls);
    if (from < to) {
      long[] mm = minMax(from, to);
      b.withMin(le(mm[0])).withMax(le(mm[1]));
    }
    return b.build();
  }

  long[] minMax(int from, int to) {
    long[] d = data.array();
    long min = d[from];
    long max = d[from];
    for (int v = from + 1; v < to; v++) {
      min = Math.min(min, d[v]);
      max = Math.max(max, d[v]);
    }
    return new long[] {min, max};
  }

  private static byte[] le(long v) {
    ByteBuf b = new ByteBuf(8);
    b.putLongLe(v);
    return b.toArray();
  }
}
