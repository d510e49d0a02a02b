package dev.trailhouse.write.parquet;

import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;

/** A boolean leaf, plain-encoded (one bit per value, least significant bit first). */
final class BooleanLeaf extends Leaf {
  private final ByteBuf data = new ByteBuf(1 << 10);

  BooleanLeaf(ColumnDescriptor descriptor) {
    super(descriptor);
  }

  void add(boolean v) {
    valueLevel(0);
    data.put(v ? (byte) 1 : (byte) 0);
  }

  @Override
  void clear() {
    super.clear();
    data.clear();
  }

  @Override
  long bufferedBytes() {
    return entries + data.size();
  }

  @Override
  int valueSize(int v) {
    return 1;
  }

  @Override
  Encoding valuesEncoding() {
    return Encoding.PLAIN;
  }

  @Override
  void writeValues(ByteBuf out, int from, int to) {
    byte[] d = data.array();
    int acc = 0;
    int bits = 0;
    for (int v = from; v < to; v++) {
      acc |= d[v] << bits;
      if (++bits == 8) {
        out.put((byte) acc);
        acc = 0;
        bits = 0;
      }
    }
    if (bits > 0) {
      out.put((byte) acc);
    }
  }

  @Override
  Statistics<?> stats(int from, int to, long nulls) {
    Statistics.Builder b =
        Statistics.getBuilderForReading(descriptor.getPrimitiveType()).withNumNulls(nulls);
    if (from < to) {
      byte[] d = data.array();
      byte min = 1;
      byte max = 0;
      for (int v = from; v < to && (min == 1 || max == 0); v++) {
        min = (byte) Math.min(min, d[v]);
        max = (byte) Math.max(max, d[v]);
      }
      b.withMin(new byte[] {min}).withMax(new byte[] {max});
    }
    return b.build();
  }
}
