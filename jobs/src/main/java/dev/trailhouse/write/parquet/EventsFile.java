package dev.trailhouse.write.parquet;

import dev.trailhouse.row.EventRow;
import dev.trailhouse.table.EventsTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * One Parquet data file of the {@code events} table, written straight from {@link EventRow}s: rows
 * are buffered column by column and written as a row group when the buffer reaches its size. Not
 * thread-safe: one per task and event date.
 */
public final class EventsFile implements EventsWriter {
  static final MessageType SCHEMA = EventsSchema.parquet();
  static final Map<String, String> FOOTER = footer();

  private final Path path;
  private final Configuration conf;
  private final long rowGroupBytes;
  private final ClosableOutput out;
  private final ParquetFileWriter writer;
  private final List<Leaf> leaves = new ArrayList<>();
  private final Column[] columns;
  private final FileStats stats;
  private final Leaf.Compressor compressor;
  private static final int SOURCE_FILE = EventsTable.index(EventsTable.SOURCE_FILE);
  private final IdentityMemo identity;
  private byte[] lastSourceFile;
  private long rows;
  private int groupRows;
  private boolean finished;

  /** Page buffers shared by the files one task writes one after another (a few MiB). */
  public static final class Buffers {
    final Leaf.Compressor compressor = new Leaf.Compressor();
  }

  public EventsFile(Path path, Configuration conf, long rowGroupBytes, int statsPrefixLength)
      throws IOException {
    this(path, conf, rowGroupBytes, statsPrefixLength, new Buffers());
  }

  public EventsFile(
      Path path, Configuration conf, long rowGroupBytes, int statsPrefixLength, Buffers buffers)
      throws IOException {
    this.compressor = buffers.compressor;
    this.path = path;
    this.conf = conf;
    this.rowGroupBytes = rowGroupBytes;
    this.out = new ClosableOutput(HadoopOutputFile.fromPath(path, conf));
    this.writer =
        new ParquetFileWriter(
            out,
            SCHEMA,
            ParquetFileWriter.Mode.CREATE,
            rowGroupBytes,
            0,
            ParquetProperties.DEFAULT_COLUMN_INDEX_TRUNCATE_LENGTH,
            ParquetProperties.DEFAULT_STATISTICS_TRUNCATE_LENGTH,
            false);
    writer.start();
    List<ColumnDescriptor> descriptors = SCHEMA.getColumns();
    columns = new Column[EventsSchema.DATA.size()];
    int d = 0;
    for (int f = 0; f < columns.length; f++) {
      String name = EventsSchema.DATA.fields()[f].name();
      DataType t = EventsSchema.DATA.fields()[f].dataType();
      int table = EventsTable.index(name);
      int leafCount =
          t instanceof MapType ? 2 : table == EventsTable.index(EventsTable.RESOURCES) ? 3 : 1;
      Leaf[] own = new Leaf[leafCount];
      for (int k = 0; k < leafCount; k++) {
        ColumnDescriptor desc = descriptors.get(d++);
        own[k] = leaf(desc, t);
        leaves.add(own[k]);
      }
      columns[f] = new Column(table, own);
    }
    this.stats = new FileStats(statsPrefixLength);
    this.identity = new IdentityMemo(columns);
  }

  private static Leaf leaf(ColumnDescriptor desc, DataType t) {
    String dotted = String.join(".", desc.getPath());
    if (t.equals(DataTypes.TimestampType)) {
      return new LongLeaf(desc);
    }
    if (t.equals(DataTypes.BooleanType)) {
      return new BooleanLeaf(desc);
    }
    return new StringLeaf(desc, EventsTable.NO_DICTIONARY.contains(dotted));
  }

  /** The leaves of one table column and where its value is in an {@link EventRow}. */
  private record Column(int index, Leaf[] leaves) {}

  @Override
  public Path path() {
    return path;
  }

  @Override
  public long rows() {
    return rows;
  }

  /** Bytes buffered for the current row group (an estimate of its uncompressed size). */
  @Override
  public long bufferedBytes() {
    long n = 0;
    for (Leaf l : leaves) {
      n += l.bufferedBytes();
    }
    return n;
  }

  /** Adds a row; writes a row group when the buffer is full. */
  @Override
  public void add(EventRow r) throws IOException {
    boolean identityDone = identity.add(r);
    for (Column c : columns) {
      int i = c.index();
      if (identityDone && identity.covers(i)) {
        continue;
      }
      if (i == SOURCE_FILE && sourceFile(r, (StringLeaf) c.leaves()[0])) {
        continue;
      }
      switch (EventRow.kind(i)) {
        case STRING -> string((StringLeaf) c.leaves()[0], r, i);
        case NUMBER -> number(c.leaves()[0], r, i);
        case MAP -> map(c.leaves(), r.map(i));
        case LIST -> resources(c.leaves(), r.resources());
        default -> throw new IllegalStateException();
      }
    }
    stats.add(r);
    rows++;
    groupRows++;
    if ((groupRows & 1023) == 0 && bufferedBytes() >= rowGroupBytes) {
      flush();
    }
  }

  /**
   * source_file is the same for every row of a log file, and its bytes are a fresh array per file
   * that nothing changes: the same array is the same value, no comparison needed.
   */
  private boolean sourceFile(EventRow r, StringLeaf leaf) {
    byte[] b = r.base(SOURCE_FILE);
    if (r.sourceFileArray() && b == lastSourceFile && leaf.dictionaryMode() && leaf.lastId() >= 0) {
      leaf.addId(leaf.lastId());
      return true;
    }
    lastSourceFile = null;
    if (r.sourceFileArray()) {
      string(leaf, r, SOURCE_FILE);
      lastSourceFile = leaf.dictionaryMode() ? b : null;
      return true;
    }
    return false;
  }

  private static void string(StringLeaf leaf, EventRow r, int i) {
    if (r.length(i) < 0) {
      leaf.level(0, 0);
    } else {
      leaf.add(r.base(i), r.offset(i), r.length(i), 0);
    }
  }

  private static void number(Leaf leaf, EventRow r, int i) {
    if (!r.hasNumber(i)) {
      leaf.level(0, 0);
    } else if (leaf instanceof LongLeaf l) {
      l.add(r.number(i));
    } else {
      ((BooleanLeaf) leaf).add(r.number(i) != 0);
    }
  }

  /** map: optional group (MAP) { repeated group key_value { required key; optional value } }. */
  private static void map(Leaf[] l, EventRow.Entries e) {
    StringLeaf key = (StringLeaf) l[0];
    StringLeaf value = (StringLeaf) l[1];
    if (!e.present() || e.size() == 0) {
      int def = e.present() ? 1 : 0;
      key.level(def, 0);
      value.level(def, 0);
      return;
    }
    for (int k = 0; k < e.size(); k++) {
      int rep = k == 0 ? 0 : 1;
      key.add(e.keyBase(k), e.keyOffset(k), e.keyLength(k), rep);
      if (e.valueLength(k) < 0) {
        value.level(2, rep);
      } else {
        value.add(e.valueBase(k), e.valueOffset(k), e.valueLength(k), rep);
      }
    }
  }

  /**
   * array: optional group (LIST) { repeated group list { optional group element { optional fields }
   * } }.
   */
  private static void resources(Leaf[] l, EventRow.Resources res) {
    if (!res.present() || res.size() == 0) {
      int def = res.present() ? 1 : 0;
      for (Leaf f : l) {
        f.level(def, 0);
      }
      return;
    }
    for (int el = 0; el < res.size(); el++) {
      int rep = el == 0 ? 0 : 1;
      if (res.isNull(el)) {
        for (Leaf f : l) {
          f.level(2, rep);
        }
        continue;
      }
      for (int f = 0; f < l.length; f++) {
        int len = res.length(el, f);
        if (len < 0) {
          l[f].level(3, rep);
        } else {
          ((StringLeaf) l[f]).add(res.base(el, f), res.offset(el, f), len, rep);
        }
      }
    }
  }

  /** Writes the buffered rows as a row group now (a task that holds too much in memory asks). */
  @Override
  public void flush() throws IOException {
    if (groupRows == 0) {
      return;
    }
    identity.clear();
    lastSourceFile = null;
    writer.startBlock(groupRows);
    for (Leaf l : leaves) {
      l.writeChunk(writer, compressor);
      l.clear();
    }
    writer.endBlock();
    groupRows = 0;
  }

  /** Finishes the file; returns what the Delta commit needs to know about it. */
  @Override
  public Written finish() throws IOException {
    flush();
    out.stamp();
    writer.end(FOOTER);
    finished = true;
    var status = path.getFileSystem(conf).getFileStatus(path);
    return new Written(
        path.toString(), rows, status.getLen(), status.getModificationTime(), stats.json(rows));
  }

  /**
   * Abandons the file unless it was finished (a failed task): closes and deletes what was written.
   */
  @Override
  public void close() {
    if (finished) {
      return;
    }
    try {
      out.closeStream();
      FileSystem fs = path.getFileSystem(conf);
      fs.delete(path, false);
    } catch (IOException ignored) {
      // An abandoned data file is never committed; VACUUM removes what is left.
    }
  }

  /**
   * The identity columns ({@link EventsTable#IDENTITY_DERIVED}) are a function of
   * user_identity_json: both flatteners derive them from userIdentity alone. A session's calls
   * repeat it, so this remembers, per dictionary id of user_identity_json (and per the flattener's
   * identity token, which spares even that lookup), the ids and values of those columns, and adds a
   * row's identity columns by id instead of hashing each value again. Cleared with every row group.
   */
  private static final class IdentityMemo {
    private static final int KEY = EventsTable.index(EventsTable.USER_IDENTITY_JSON);
    private final boolean[] covered = new boolean[EventRow.N];
    private final StringLeaf key;
    private final Leaf[] leaves;
    private final int[] index;
    private long[][] memo = new long[256][];
    private long[][] byToken = new long[256][];

    IdentityMemo(Column[] columns) {
      List<Leaf> ls = new ArrayList<>();
      List<Integer> is = new ArrayList<>();
      StringLeaf k = null;
      for (Column c : columns) {
        String name = EventsTable.COLUMNS.get(c.index()).name();
        if (c.index() == KEY) {
          k = (StringLeaf) c.leaves()[0];
        } else if (EventsTable.IDENTITY_DERIVED.contains(name)) {
          ls.add(c.leaves()[0]);
          is.add(c.index());
        }
      }
      key = k;
      leaves = ls.toArray(new Leaf[0]);
      index = is.stream().mapToInt(Integer::intValue).toArray();
      covered[KEY] = true;
      for (int i : index) {
        covered[i] = true;
      }
    }

    boolean covers(int column) {
      return covered[column];
    }

    /**
     * Adds the row's identity columns and user_identity_json if it can; false leaves them to the
     * caller.
     */
    boolean add(EventRow r) {
      if (r.isNull(KEY)) {
        return false;
      }
      for (Leaf l : leaves) {
        if (l instanceof StringLeaf s && !s.dictionaryMode()) {
          return false;
        }
      }
      int token = r.identityToken();
      long[] m = token >= 0 && token < byToken.length ? byToken[token] : null;
      if (m != null) {
        if (key.dictionaryMode() && m[leaves.length] >= 0) {
          key.addId((int) m[leaves.length]);
        } else {
          key.add(r.base(KEY), r.offset(KEY), r.length(KEY), 0);
        }
        replay(m);
        return true;
      }
      if (token < 0 && !key.dictionaryMode()) {
        return false;
      }
      key.add(r.base(KEY), r.offset(KEY), r.length(KEY), 0);
      int k = key.dictionaryMode() ? key.lastId() : -1;
      if (k >= memo.length) {
        memo = java.util.Arrays.copyOf(memo, Math.max(memo.length * 2, k + 1));
      }
      m = k >= 0 ? memo[k] : null;
      if (m != null) {
        replay(m);
      } else {
        m = new long[leaves.length + 1];
        addAll(r, m);
        m[leaves.length] = k;
        if (k >= 0) {
          memo[k] = m;
        }
      }
      if (token >= 0) {
        if (token >= byToken.length) {
          byToken = java.util.Arrays.copyOf(byToken, Math.max(byToken.length * 2, token + 1));
        }
        byToken[token] = m;
      }
      return true;
    }

    private void replay(long[] m) {
      for (int j = 0; j < leaves.length; j++) {
        long v = m[j];
        if (v == Long.MIN_VALUE) {
          leaves[j].level(0, 0);
        } else if (leaves[j] instanceof StringLeaf s) {
          s.addId((int) v);
        } else if (leaves[j] instanceof LongLeaf l) {
          l.add(v);
        } else {
          ((BooleanLeaf) leaves[j]).add(v != 0);
        }
      }
    }

    /** Adds the identity columns by value, noting their ids and values in {@code m}. */
    private void addAll(EventRow r, long[] m) {
      for (int j = 0; j < leaves.length; j++) {
        int i = index[j];
        if (r.isNull(i)) {
          leaves[j].level(0, 0);
          m[j] = Long.MIN_VALUE;
        } else if (leaves[j] instanceof StringLeaf s) {
          s.add(r.base(i), r.offset(i), r.length(i), 0);
          m[j] = s.lastId();
        } else if (leaves[j] instanceof LongLeaf l) {
          l.add(r.number(i));
          m[j] = r.number(i);
        } else {
          ((BooleanLeaf) leaves[j]).add(r.number(i) != 0);
          m[j] = r.number(i) != 0 ? 1 : 0;
        }
      }
    }

    void clear() {
      java.util.Arrays.fill(memo, null);
      java.util.Arrays.fill(byToken, null);
    }
  }

  /**
   * The file's output, with a way to close the stream of a file that is abandoned before its
   * footer.
   */
  static final class ClosableOutput implements OutputFile {
    private final OutputFile file;
    private FooterStamp stream;

    ClosableOutput(OutputFile file) {
      this.file = file;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      stream = new FooterStamp(file.create(blockSizeHint));
      return stream;
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      stream = new FooterStamp(file.createOrOverwrite(blockSizeHint));
      return stream;
    }

    @Override
    public boolean supportsBlockSize() {
      return file.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
      return file.defaultBlockSize();
    }

    /** The footer written from now on names Trailhouse as the file's writer. */
    void stamp() {
      stream.stamp();
    }

    void closeStream() throws IOException {
      if (stream != null) {
        stream.close();
      }
    }
  }

  /** A finished data file. */
  public record Written(String path, long rows, long size, long modificationTime, String stats)
      implements java.io.Serializable {}

  private static Map<String, String> footer() {
    Map<String, String> m = new HashMap<>();
    // What Spark's own writer records: readers use the Spark schema, and the version tells them the
    // file uses the proleptic Gregorian calendar (no legacy date rebasing).
    m.put("org.apache.spark.version", org.apache.spark.package$.MODULE$.SPARK_VERSION_SHORT());
    m.put("org.apache.spark.sql.parquet.row.metadata", EventsSchema.DATA.json());
    return m;
  }
}
