package dev.trailhouse.write.parquet;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * One leaf column of a row group being built: its definition and repetition levels (one byte per
 * entry) and, in a subclass, its values (one per entry at the maximum definition level). Written as
 * a column chunk of data pages (v1), split at row boundaries, each with its statistics.
 */
abstract class Leaf {
  static final int PAGE_ROWS = 20_000;
  static final int PAGE_BYTES = 1 << 20;

  final ColumnDescriptor descriptor;
  final int maxDef;
  final int maxRep;
  final ByteBuf def = new ByteBuf(1 << 12);
  final ByteBuf rep;
  int entries;
  int values;

  Leaf(ColumnDescriptor descriptor) {
    this.descriptor = descriptor;
    this.maxDef = descriptor.getMaxDefinitionLevel();
    this.maxRep = descriptor.getMaxRepetitionLevel();
    this.rep = maxRep > 0 ? new ByteBuf(1 << 12) : null;
  }

  /** Records an entry below the maximum definition level (a null or an empty/absent container). */
  final void level(int definition, int repetition) {
    def.put((byte) definition);
    if (rep != null) {
      rep.put((byte) repetition);
    }
    entries++;
  }

  /** Records the levels of an entry that has a value; the subclass stores the value. */
  final void valueLevel(int repetition) {
    def.put((byte) maxDef);
    if (rep != null) {
      rep.put((byte) repetition);
    }
    entries++;
    values++;
  }

  /** Empties the leaf for the next row group. */
  void clear() {
    entries = 0;
    values = 0;
    def.clear();
    if (rep != null) {
      rep.clear();
    }
  }

  /** Bytes buffered for the row group, an estimate of its uncompressed size. */
  abstract long bufferedBytes();

  /** Encoded size of value {@code v}, for page sizing. */
  abstract int valueSize(int v);

  /** Appends the encoded values {@code [from, to)} of a page. */
  abstract void writeValues(ByteBuf out, int from, int to);

  /** Statistics of the values {@code [from, to)} with {@code nulls} null entries. */
  abstract Statistics<?> stats(int from, int to, long nulls);

  abstract Encoding valuesEncoding();

  /** Called once before the chunk is written: choose the encoding, write a dictionary page. */
  void startChunk(ParquetFileWriter w, Compressor c) throws IOException {}

  /** Writes this leaf as a column chunk of the current row group. */
  final void writeChunk(ParquetFileWriter w, Compressor c) throws IOException {
    w.startColumn(descriptor, entries, CompressionCodecName.SNAPPY);
    startChunk(w, c);
    ByteBuf page = c.page;
    byte[] defs = def.array();
    byte[] reps = rep == null ? null : rep.array();
    int e = 0;
    int v = 0;
    while (e < entries) {
      int e0 = e;
      int v0 = v;
      long bytes = 0;
      int rows = 0;
      while (e < entries) {
        if (reps == null || reps[e] == 0) {
          if (rows >= PAGE_ROWS || bytes >= PAGE_BYTES) {
            break;
          }
          rows++;
        }
        if (defs[e] == maxDef) {
          bytes += valueSize(v);
          v++;
        }
        e++;
      }
      page.clear();
      if (maxRep > 0) {
        levels(reps, e0, e, maxRep, page);
      }
      if (maxDef > 0) {
        levels(defs, e0, e, maxDef, page);
      }
      writeValues(page, v0, v);
      BytesInput body = c.compress(page);
      w.writeDataPage(
          e - e0,
          page.size(),
          body,
          stats(v0, v, (e - e0) - (v - v0)),
          rows,
          Encoding.RLE,
          Encoding.RLE,
          valuesEncoding());
    }
    w.endColumn();
  }

  private static void levels(byte[] levels, int from, int to, int max, ByteBuf out) {
    int at = out.size();
    out.putIntLe(0);
    Rle.encode(levels, from, to, Rle.bitWidth(max), out);
    out.setIntLe(at, out.size() - at - 4);
  }

  /** Snappy compression of page bodies into one reused buffer. */
  static final class Compressor {
    final ByteBuf page = new ByteBuf(PAGE_BYTES + (PAGE_BYTES >> 2));
    private byte[] out = new byte[Snappy.maxCompressedLength(PAGE_BYTES)];

    BytesInput compress(ByteBuf body) throws IOException {
      int max = Snappy.maxCompressedLength(body.size());
      if (out.length < max) {
        out = new byte[max];
      }
      int n = Snappy.compress(body.array(), 0, body.size(), out, 0);
      return BytesInput.from(out, 0, n);
    }
  }
}
