package dev.trailhouse.write.parquet;

import dev.trailhouse.row.EventRow;
import dev.trailhouse.table.EventsTable;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * The {@code events} data file written through parquet-mr's column writers ({@link
 * ColumnWriteStore}), fed with {@link Binary#fromReusedByteArray} slices of the row's bytes: no
 * Java strings, and parquet-mr's own dictionary, RLE, pages, statistics and column indexes. The
 * same schema, codec (Snappy), page limits, footer and Delta statistics as {@link EventsFile};
 * {@code trailhouse bench} times the two on the same trail. Not thread-safe: one per task and event
 * date.
 */
final class LibraryEventsFile implements EventsWriter {
  private final Path path;
  private final Configuration conf;
  private final long rowGroupBytes;
  private final EventsFile.ClosableOutput out;
  private final ParquetFileWriter writer;
  private final ParquetProperties props;
  private final CodecFactory codecs;
  private final CodecFactory.BytesCompressor compressor;
  private final Column[] columns;
  private final FileStats stats;
  private ColumnChunkPageWriteStore pages;
  private ColumnWriteStore store;
  private long rows;
  private int groupRows;
  private boolean finished;

  /** The writers of one table column's leaves and where its value is in an {@link EventRow}. */
  private record Column(int index, boolean bool, ColumnWriter[] leaves) {}

  LibraryEventsFile(Path path, Configuration conf, long rowGroupBytes, int statsPrefixLength)
      throws IOException {
    this.path = path;
    this.conf = conf;
    this.rowGroupBytes = rowGroupBytes;
    ParquetProperties.Builder b =
        ParquetProperties.builder()
            .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
            .withPageSize(Leaf.PAGE_BYTES)
            .withPageRowCountLimit(Leaf.PAGE_ROWS)
            .withDictionaryPageSize(StringLeaf.MAX_DICTIONARY_BYTES)
            .withDictionaryEncoding(true);
    for (ColumnDescriptor d : EventsFile.SCHEMA.getColumns()) {
      String dotted = String.join(".", d.getPath());
      if (EventsTable.NO_DICTIONARY.contains(dotted)) {
        b.withDictionaryEncoding(dotted, false);
      }
    }
    this.props = b.build();
    this.codecs = new CodecFactory(conf, props.getPageSizeThreshold());
    this.compressor = codecs.getCompressor(CompressionCodecName.SNAPPY);
    this.out = new EventsFile.ClosableOutput(HadoopOutputFile.fromPath(path, conf));
    this.writer =
        new ParquetFileWriter(
            out,
            EventsFile.SCHEMA,
            ParquetFileWriter.Mode.CREATE,
            rowGroupBytes,
            0,
            props.getColumnIndexTruncateLength(),
            props.getStatisticsTruncateLength(),
            props.getPageWriteChecksumEnabled());
    writer.start();
    this.columns = new Column[EventsSchema.DATA.size()];
    this.stats = new FileStats(statsPrefixLength);
    newStore();
  }

  /** A fresh column store for a row group, and the writers of every leaf in table order. */
  private void newStore() {
    pages =
        new ColumnChunkPageWriteStore(
            compressor,
            EventsFile.SCHEMA,
            props.getAllocator(),
            props.getColumnIndexTruncateLength(),
            props.getPageWriteChecksumEnabled());
    store = props.newColumnWriteStore(EventsFile.SCHEMA, pages, pages);
    List<ColumnDescriptor> descriptors = EventsFile.SCHEMA.getColumns();
    int d = 0;
    for (int f = 0; f < columns.length; f++) {
      String name = EventsSchema.DATA.fields()[f].name();
      DataType t = EventsSchema.DATA.fields()[f].dataType();
      int table = EventsTable.index(name);
      int leafCount =
          t instanceof MapType ? 2 : table == EventsTable.index(EventsTable.RESOURCES) ? 3 : 1;
      ColumnWriter[] own = new ColumnWriter[leafCount];
      for (int k = 0; k < leafCount; k++) {
        own[k] = store.getColumnWriter(descriptors.get(d++));
      }
      columns[f] = new Column(table, t.equals(DataTypes.BooleanType), own);
    }
  }

  @Override
  public Path path() {
    return path;
  }

  @Override
  public long rows() {
    return rows;
  }

  @Override
  public long bufferedBytes() {
    return store.getBufferedSize();
  }

  @Override
  public void add(EventRow r) throws IOException {
    for (Column c : columns) {
      int i = c.index();
      ColumnWriter[] w = c.leaves();
      switch (EventRow.kind(i)) {
        case STRING -> {
          if (r.length(i) < 0) {
            w[0].writeNull(0, 0);
          } else {
            w[0].write(Binary.fromReusedByteArray(r.base(i), r.offset(i), r.length(i)), 0, 1);
          }
        }
        case NUMBER -> number(w[0], c.bool(), r, i);
        case MAP -> map(w, r.map(i));
        case LIST -> resources(w, r.resources());
        default -> throw new IllegalStateException();
      }
    }
    store.endRecord();
    stats.add(r);
    rows++;
    groupRows++;
    if ((groupRows & 1023) == 0 && store.getBufferedSize() >= rowGroupBytes) {
      flush();
    }
  }

  private static void number(ColumnWriter w, boolean bool, EventRow r, int i) {
    if (!r.hasNumber(i)) {
      w.writeNull(0, 0);
    } else if (bool) {
      w.write(r.number(i) != 0, 0, 1);
    } else {
      w.write(r.number(i), 0, 1);
    }
  }

  /** map: optional group (MAP) { repeated group key_value { required key; optional value } }. */
  private static void map(ColumnWriter[] w, EventRow.Entries e) {
    if (!e.present() || e.size() == 0) {
      int def = e.present() ? 1 : 0;
      w[0].writeNull(0, def);
      w[1].writeNull(0, def);
      return;
    }
    for (int k = 0; k < e.size(); k++) {
      int rep = k == 0 ? 0 : 1;
      w[0].write(Binary.fromReusedByteArray(e.keyBase(k), e.keyOffset(k), e.keyLength(k)), rep, 2);
      if (e.valueLength(k) < 0) {
        w[1].writeNull(rep, 2);
      } else {
        w[1].write(
            Binary.fromReusedByteArray(e.valueBase(k), e.valueOffset(k), e.valueLength(k)), rep, 3);
      }
    }
  }

  /**
   * array: optional group (LIST) { repeated group list { optional group element { optional fields }
   * } }.
   */
  private static void resources(ColumnWriter[] w, EventRow.Resources res) {
    if (!res.present() || res.size() == 0) {
      int def = res.present() ? 1 : 0;
      for (ColumnWriter f : w) {
        f.writeNull(0, def);
      }
      return;
    }
    for (int el = 0; el < res.size(); el++) {
      int rep = el == 0 ? 0 : 1;
      if (res.isNull(el)) {
        for (ColumnWriter f : w) {
          f.writeNull(rep, 2);
        }
        continue;
      }
      for (int f = 0; f < w.length; f++) {
        int len = res.length(el, f);
        if (len < 0) {
          w[f].writeNull(rep, 3);
        } else {
          w[f].write(Binary.fromReusedByteArray(res.base(el, f), res.offset(el, f), len), rep, 4);
        }
      }
    }
  }

  @Override
  public void flush() throws IOException {
    if (groupRows == 0) {
      return;
    }
    store.flush();
    writer.startBlock(groupRows);
    pages.flushToFileWriter(writer);
    writer.endBlock();
    store.close();
    groupRows = 0;
    newStore();
  }

  @Override
  public EventsFile.Written finish() throws IOException {
    flush();
    out.stamp();
    writer.end(EventsFile.FOOTER);
    finished = true;
    codecs.release();
    var status = path.getFileSystem(conf).getFileStatus(path);
    return new EventsFile.Written(
        path.toString(), rows, status.getLen(), status.getModificationTime(), stats.json(rows));
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    codecs.release();
    try {
      out.closeStream();
      FileSystem fs = path.getFileSystem(conf);
      fs.delete(path, false);
    } catch (IOException ignored) {
      // An abandoned data file is never committed; VACUUM removes what is left.
    }
  }
}
