package dev.trailhouse.row;

import dev.trailhouse.table.EventsTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;

/**
 * The values of one {@code events} row as UTF-8 byte ranges (no Java strings), in {@link
 * EventsTable#COLUMNS} order: what a flattener fills and the Parquet writer reads. A range points
 * into the decompressed log file or into this row's own scratch bytes; a row is reused for the next
 * record after {@link #clear()}.
 */
public final class EventRow {
  public static final int N = EventsTable.COLUMNS.size();
  private static final int REQUEST = EventsTable.index(EventsTable.REQUEST_PARAMETERS);
  private static final int RESPONSE = EventsTable.index(EventsTable.RESPONSE_ELEMENTS);
  private static final int RESOURCES = EventsTable.index(EventsTable.RESOURCES);

  /** How a column's value is held. */
  public enum Kind {
    STRING,
    NUMBER,
    MAP,
    LIST
  }

  private static final Kind[] KINDS = new Kind[N];

  static {
    for (int i = 0; i < N; i++) {
      DataType t = EventsTable.COLUMNS.get(i).type();
      KINDS[i] =
          t.equals(DataTypes.StringType)
              ? Kind.STRING
              : t instanceof MapType ? Kind.MAP : i == RESOURCES ? Kind.LIST : Kind.NUMBER;
    }
  }

  private final byte[][] base = new byte[N][];
  private final int[] off = new int[N];
  private final int[] len = new int[N];
  private final long[] num = new long[N];
  private final boolean[] hasNum = new boolean[N];
  private final Entries request = new Entries();
  private final Entries response = new Entries();
  private final Resources resources = new Resources();
  private static final int SOURCE_FILE = EventsTable.index(EventsTable.SOURCE_FILE);
  private boolean sourceFileArray;
  private int identityToken = -1;
  private byte[] scratch = new byte[1 << 12];
  private int scratchSize;

  public EventRow() {
    clear();
  }

  public static Kind kind(int column) {
    return KINDS[column];
  }

  /** Forgets every value: all columns null. */
  public void clear() {
    Arrays.fill(len, -1);
    Arrays.fill(hasNum, false);
    request.clear();
    response.clear();
    resources.clear();
    scratchSize = 0;
    sourceFileArray = false;
    identityToken = -1;
  }

  /**
   * Marks user_identity_json and the identity columns as the values the flattener gave for {@code
   * token} before (the same userIdentity object): a writer may reuse what it did then.
   */
  public void identity(int token) {
    identityToken = token;
  }

  /** The identity token, or -1 when the row has none. */
  public int identityToken() {
    return identityToken;
  }

  /**
   * source_file as a whole array that stays unchanged for every row of the file: a writer may then
   * treat the same array as the same value.
   */
  public void sourceFile(byte[] uri) {
    string(SOURCE_FILE, uri, 0, uri.length);
    sourceFileArray = true;
  }

  /** Whether source_file was given by {@link #sourceFile(byte[])}. */
  public boolean sourceFileArray() {
    return sourceFileArray;
  }

  // ---- strings

  public void string(int column, byte[] b, int from, int length) {
    base[column] = b;
    off[column] = from;
    len[column] = length;
  }

  /** A Java string, encoded into the scratch bytes (the slow path's values). */
  public void string(int column, String s) {
    if (s == null) {
      len[column] = -1;
      return;
    }
    int at = append(s.getBytes(StandardCharsets.UTF_8));
    string(column, scratch, at, scratchSize - at);
  }

  public boolean isNull(int column) {
    return KINDS[column] == Kind.STRING
        ? len[column] < 0
        : KINDS[column] == Kind.NUMBER
            ? !hasNum[column]
            : KINDS[column] == Kind.MAP ? !map(column).present : !resources.present;
  }

  public byte[] base(int column) {
    return base[column];
  }

  public int offset(int column) {
    return off[column];
  }

  public int length(int column) {
    return len[column];
  }

  // ---- timestamps (microseconds), dates (epoch days), booleans (0/1)

  public void number(int column, long v) {
    num[column] = v;
    hasNum[column] = true;
  }

  public long number(int column) {
    return num[column];
  }

  /** Whether a number column has a value (a cheaper {@link #isNull} for NUMBER columns). */
  public boolean hasNumber(int column) {
    return hasNum[column];
  }

  // ---- maps and resources

  public Entries map(int column) {
    return column == REQUEST ? request : column == RESPONSE ? response : null;
  }

  public Resources resources() {
    return resources;
  }

  // ---- scratch bytes

  /**
   * Appends bytes to the scratch area; returns where they start. Ranges taken earlier stay valid: a
   * grown area keeps the old bytes at the same offsets, in the old array and the new one.
   */
  public int append(byte[] b) {
    return append(b, 0, b.length);
  }

  public int append(byte[] b, int from, int length) {
    reserve(length);
    System.arraycopy(b, from, scratch, scratchSize, length);
    int at = scratchSize;
    scratchSize += length;
    return at;
  }

  public void appendByte(byte b) {
    reserve(1);
    scratch[scratchSize++] = b;
  }

  /** The scratch array that ranges ending at {@link #scratchSize()} point into. */
  public byte[] scratch() {
    return scratch;
  }

  public int scratchSize() {
    return scratchSize;
  }

  /**
   * Makes room for {@code n} more scratch bytes; a bigger array leaves earlier ranges on the old
   * one.
   */
  public void reserve(int n) {
    if (scratchSize + n > scratch.length) {
      byte[] bigger = new byte[Math.max(scratch.length * 2, scratchSize + n)];
      System.arraycopy(scratch, 0, bigger, 0, scratchSize);
      scratch = bigger;
    }
  }

  /** Key/value ranges of a flattened map column, in insertion order; value length -1 is null. */
  public static final class Entries {
    boolean present;
    int size;
    byte[][] kb = new byte[8][];
    int[] ko = new int[8];
    int[] kl = new int[8];
    byte[][] vb = new byte[8][];
    int[] vo = new int[8];
    int[] vl = new int[8];

    void clear() {
      present = false;
      size = 0;
    }

    public boolean present() {
      return present;
    }

    public void markPresent() {
      present = true;
    }

    public int size() {
      return size;
    }

    public void add(byte[] k, int kOff, int kLen, byte[] v, int vOff, int vLen) {
      if (size == kb.length) {
        int n = size * 2;
        kb = Arrays.copyOf(kb, n);
        ko = Arrays.copyOf(ko, n);
        kl = Arrays.copyOf(kl, n);
        vb = Arrays.copyOf(vb, n);
        vo = Arrays.copyOf(vo, n);
        vl = Arrays.copyOf(vl, n);
      }
      present = true;
      kb[size] = k;
      ko[size] = kOff;
      kl[size] = kLen;
      vb[size] = v;
      vo[size] = vOff;
      vl[size] = vLen;
      size++;
    }

    public byte[] keyBase(int i) {
      return kb[i];
    }

    public int keyOffset(int i) {
      return ko[i];
    }

    public int keyLength(int i) {
      return kl[i];
    }

    public byte[] valueBase(int i) {
      return vb[i];
    }

    public int valueOffset(int i) {
      return vo[i];
    }

    public int valueLength(int i) {
      return vl[i];
    }
  }

  /** The {@code resources} array: three optional string fields per element, or a null element. */
  public static final class Resources {
    public static final int FIELDS = 3;
    boolean present;
    int size;
    byte[][] b = new byte[8 * FIELDS][];
    int[] o = new int[8 * FIELDS];
    int[] l = new int[8 * FIELDS];
    boolean[] nulls = new boolean[8];

    void clear() {
      present = false;
      size = 0;
    }

    public boolean present() {
      return present;
    }

    public void markPresent() {
      present = true;
    }

    public int size() {
      return size;
    }

    /** Adds an element whose fields are all null; returns its index. */
    public int add() {
      if ((size + 1) * FIELDS > l.length) {
        int n = l.length * 2;
        b = Arrays.copyOf(b, n);
        o = Arrays.copyOf(o, n);
        l = Arrays.copyOf(l, n);
        nulls = Arrays.copyOf(nulls, n / FIELDS);
      }
      present = true;
      Arrays.fill(l, size * FIELDS, (size + 1) * FIELDS, -1);
      nulls[size] = false;
      return size++;
    }

    /** Adds a JSON {@code null} element (kept: {@code [null]} is not {@code []}). */
    public void addNull() {
      nulls[add()] = true;
    }

    /** Whether the element is a JSON {@code null}, not an object. */
    public boolean isNull(int element) {
      return nulls[element];
    }

    public void field(int element, int field, byte[] base, int off, int len) {
      int i = element * FIELDS + field;
      b[i] = base;
      o[i] = off;
      l[i] = len;
    }

    public byte[] base(int element, int field) {
      return b[element * FIELDS + field];
    }

    public int offset(int element, int field) {
      return o[element * FIELDS + field];
    }

    public int length(int element, int field) {
      return l[element * FIELDS + field];
    }
  }

  // ---- conversions to and from the reference flattener's values

  /** Fills this row from the values {@link EventFlattener} returns. */
  @SuppressWarnings("unchecked")
  public void set(Object[] values) {
    clear();
    for (int i = 0; i < N; i++) {
      Object v = values[i];
      if (v == null) {
        continue;
      }
      switch (KINDS[i]) {
        case STRING -> string(i, (String) v);
        case NUMBER -> number(i, numberOf(v));
        case MAP -> {
          Entries e = map(i);
          e.markPresent();
          for (Map.Entry<String, String> kv : ((Map<String, String>) v).entrySet()) {
            int ks = append(kv.getKey().getBytes(StandardCharsets.UTF_8));
            byte[] keys = scratch;
            int kl = scratchSize - ks;
            if (kv.getValue() == null) {
              e.add(keys, ks, kl, null, 0, -1);
            } else {
              int vs = append(kv.getValue().getBytes(StandardCharsets.UTF_8));
              e.add(keys, ks, kl, scratch, vs, scratchSize - vs);
            }
          }
        }
        case LIST -> {
          resources.markPresent();
          for (Row r : (List<Row>) v) {
            if (r == null) {
              resources.addNull();
              continue;
            }
            int el = resources.add();
            for (int f = 0; f < Resources.FIELDS; f++) {
              String s = r.getString(f);
              if (s != null) {
                int at = append(s.getBytes(StandardCharsets.UTF_8));
                resources.field(el, f, scratch, at, scratchSize - at);
              }
            }
          }
        }
        default -> throw new IllegalStateException();
      }
    }
  }

  private static long numberOf(Object v) {
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    if (v instanceof Instant t) {
      return Math.addExact(
          Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000L);
    }
    if (v instanceof LocalDate d) {
      return d.toEpochDay();
    }
    throw new IllegalArgumentException("No number for " + v.getClass());
  }

  /** The values as {@link EventFlattener} gives them (for tests and the slow path's checks). */
  public Object[] toObjects() {
    Object[] out = new Object[N];
    for (int i = 0; i < N; i++) {
      if (isNull(i)) {
        continue;
      }
      DataType t = EventsTable.COLUMNS.get(i).type();
      switch (KINDS[i]) {
        case STRING -> out[i] = new String(base[i], off[i], len[i], StandardCharsets.UTF_8);
        case NUMBER ->
            out[i] =
                t.equals(DataTypes.BooleanType)
                    ? Boolean.valueOf(num[i] != 0)
                    : t.equals(DataTypes.DateType)
                        ? LocalDate.ofEpochDay(num[i])
                        : Instant.ofEpochSecond(
                            Math.floorDiv(num[i], 1_000_000L),
                            Math.floorMod(num[i], 1_000_000L) * 1_000L);
        case MAP -> {
          Entries e = map(i);
          Map<String, String> m = new LinkedHashMap<>();
          for (int k = 0; k < e.size; k++) {
            m.put(
                new String(e.kb[k], e.ko[k], e.kl[k], StandardCharsets.UTF_8),
                e.vl[k] < 0 ? null : new String(e.vb[k], e.vo[k], e.vl[k], StandardCharsets.UTF_8));
          }
          out[i] = m;
        }
        case LIST -> {
          List<Row> rows = new ArrayList<>();
          for (int el = 0; el < resources.size; el++) {
            if (resources.isNull(el)) {
              rows.add(null);
              continue;
            }
            Object[] f = new Object[Resources.FIELDS];
            for (int k = 0; k < Resources.FIELDS; k++) {
              int len = resources.length(el, k);
              f[k] =
                  len < 0
                      ? null
                      : new String(
                          resources.base(el, k),
                          resources.offset(el, k),
                          len,
                          StandardCharsets.UTF_8);
            }
            rows.add(RowFactory.create(f));
          }
          out[i] = rows;
        }
        default -> throw new IllegalStateException();
      }
    }
    return out;
  }
}
