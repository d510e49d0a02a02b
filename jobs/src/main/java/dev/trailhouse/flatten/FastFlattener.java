package dev.trailhouse.flatten;

import static dev.trailhouse.table.EventsTable.index;

import dev.trailhouse.row.EventRow;
import dev.trailhouse.row.JsonBytes;
import dev.trailhouse.table.EventsTable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * The fast path of flattening: one validating pass over a record's UTF-8 bytes that fills an {@link
 * EventRow} with byte ranges, never building a Java string for the common case. It gives exactly
 * what {@link EventFlattener} gives; any record it is not sure about (malformed JSON, duplicate or
 * escaped keys, deep nesting, odd types, anything the reference rejects) it declines, and the
 * caller hands that record to {@link EventFlattener}, which decides. Not thread-safe.
 */
public final class FastFlattener {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_KEYS = 64;
  private static final int MAX_NUMBER = 1000;
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] EMPTY_ARRAY = "[]".getBytes(StandardCharsets.US_ASCII);

  private static final int EVENT_ID = index(EventsTable.EVENT_ID);
  private static final int EVENT_TIME = index(EventsTable.EVENT_TIME);
  private static final int EVENT_DATE = index(EventsTable.EVENT_DATE);
  private static final int EVENT_NAME = index(EventsTable.EVENT_NAME);
  private static final int READ_ONLY = index(EventsTable.READ_ONLY);
  private static final int MANAGEMENT_EVENT = index(EventsTable.MANAGEMENT_EVENT);
  private static final int REQUEST = index(EventsTable.REQUEST_PARAMETERS);
  private static final int REQUEST_JSON = index(EventsTable.REQUEST_PARAMETERS_JSON);
  private static final int RESPONSE = index(EventsTable.RESPONSE_ELEMENTS);
  private static final int RESPONSE_JSON = index(EventsTable.RESPONSE_ELEMENTS_JSON);
  private static final int ADDITIONAL_JSON = index(EventsTable.ADDITIONAL_EVENT_DATA_JSON);
  private static final int TLS_VERSION = index(EventsTable.TLS_VERSION);
  private static final int TLS_CIPHER = index(EventsTable.TLS_CIPHER_SUITE);
  private static final int TLS_HOST = index(EventsTable.TLS_CLIENT_PROVIDED_HOST_HEADER);
  private static final int ADDENDUM_REASON = index(EventsTable.ADDENDUM_REASON);
  private static final int ADDENDUM_ORIGINAL = index(EventsTable.ADDENDUM_ORIGINAL_EVENT_ID);
  private static final int CONNECT_INSTANCE = index(EventsTable.CONNECT_INSTANCE_ID);
  private static final int USER_IDENTITY_JSON = index(EventsTable.USER_IDENTITY_JSON);
  private static final int OTHER_JSON = index(EventsTable.OTHER_FIELDS_JSON);
  private static final int ACTOR = index(EventsTable.ACTOR);
  private static final int SOURCE_IDENTITY = IdentityPaths.SOURCE_IDENTITY;
  private static final int MFA = IdentityPaths.MFA;
  private static final int CREATED = IdentityPaths.CREATED;

  /** Top-level fields with a column of their own, and what to do with each. */
  private enum Field {
    EVENT_ID("eventID"),
    EVENT_TIME("eventTime"),
    EVENT_VERSION("eventVersion", EventsTable.EVENT_VERSION),
    EVENT_SOURCE("eventSource", EventsTable.EVENT_SOURCE),
    EVENT_NAME("eventName", EventsTable.EVENT_NAME),
    EVENT_TYPE("eventType", EventsTable.EVENT_TYPE),
    EVENT_CATEGORY("eventCategory", EventsTable.EVENT_CATEGORY),
    AWS_REGION("awsRegion", EventsTable.AWS_REGION),
    SOURCE_IP("sourceIPAddress", EventsTable.SOURCE_IP_ADDRESS),
    USER_AGENT("userAgent", EventsTable.USER_AGENT),
    ERROR_CODE("errorCode", EventsTable.ERROR_CODE),
    ERROR_MESSAGE("errorMessage", EventsTable.ERROR_MESSAGE),
    READ_ONLY("readOnly"),
    MANAGEMENT_EVENT("managementEvent"),
    RECIPIENT("recipientAccountId", EventsTable.RECIPIENT_ACCOUNT_ID),
    REQUEST_ID("requestID", EventsTable.REQUEST_ID),
    SHARED_EVENT_ID("sharedEventID", EventsTable.SHARED_EVENT_ID),
    API_VERSION("apiVersion", EventsTable.API_VERSION),
    VPC_ENDPOINT_ID("vpcEndpointId", EventsTable.VPC_ENDPOINT_ID),
    USER_IDENTITY("userIdentity"),
    REQUEST("requestParameters"),
    RESPONSE("responseElements"),
    ADDITIONAL("additionalEventData"),
    RESOURCES("resources"),
    TLS("tlsDetails"),
    ADDENDUM("addendum");

    final byte[] name;
    final int textColumn;

    Field(String name) {
      this.name = name.getBytes(StandardCharsets.US_ASCII);
      this.textColumn = -1;
    }

    Field(String name, String column) {
      this.name = name.getBytes(StandardCharsets.US_ASCII);
      this.textColumn = index(column);
    }
  }

  private static final Field[] FIELDS = Field.values();

  /**
   * Paths inside userIdentity that the walk keeps ({@link IdentityPaths}): the copied ones with
   * their column, then those computed from a path's text rather than copied, marked by column -1.
   */
  private static final String[] IDENTITY_PATHS = new String[IdentityPaths.COPIED.size() + 3];

  static {
    for (int i = 0; i < IdentityPaths.COPIED.size(); i++) {
      IDENTITY_PATHS[i] = IdentityPaths.COPIED.get(i).path();
    }
    IDENTITY_PATHS[IDENTITY_PATHS.length - 3] = IdentityPaths.SESSION_SOURCE_IDENTITY;
    IDENTITY_PATHS[IDENTITY_PATHS.length - 2] = IdentityPaths.MFA_AUTHENTICATED;
    IDENTITY_PATHS[IDENTITY_PATHS.length - 1] = IdentityPaths.CREATION_DATE;
  }

  private static final byte[][] IDENTITY_PATH_BYTES = new byte[IDENTITY_PATHS.length][];
  private static final int[] IDENTITY_COLUMNS = new int[IDENTITY_PATHS.length];
  private static final int PATH_SESSION_SOURCE = IDENTITY_PATHS.length - 3;
  private static final int PATH_MFA = IDENTITY_PATHS.length - 2;
  private static final int PATH_CREATED = IDENTITY_PATHS.length - 1;

  private static final int[][] IDENTITY_TABLE = new int[64][];

  static {
    Arrays.fill(IDENTITY_TABLE, new int[0]);
    for (int i = 0; i < IDENTITY_PATHS.length; i++) {
      IDENTITY_PATH_BYTES[i] = IDENTITY_PATHS[i].getBytes(StandardCharsets.US_ASCII);
      IDENTITY_COLUMNS[i] =
          i < IdentityPaths.COPIED.size() ? IdentityPaths.COPIED.get(i).index() : -1;
      int h = nameHash(IDENTITY_PATH_BYTES[i], 0, IDENTITY_PATH_BYTES[i].length);
      int[] slot = Arrays.copyOf(IDENTITY_TABLE[h], IDENTITY_TABLE[h].length + 1);
      slot[slot.length - 1] = i;
      IDENTITY_TABLE[h] = slot;
    }
  }

  /** Thrown (one shared instance, no stack trace) when the record is left to the reference. */
  private static final class Decline extends RuntimeException {
    Decline() {
      super(null, null, false, false);
    }
  }

  private static final Decline DECLINE = new Decline();

  // Kinds of a scalar or container value just parsed.
  private static final int STRING = 1;
  private static final int NUMBER = 2;
  private static final int LITERAL = 3; // true / false
  private static final int NULL = 4;
  private static final int OBJECT = 5;
  private static final int ARRAY = 6;

  private byte[] b;
  private int end;
  private int pos;
  private EventRow row;

  // The last value parsed: its kind and raw range; for strings the content between the quotes.
  private int kind;
  private int vStart;
  private int vEnd;
  private boolean escaped;

  // The decoded text of the last scalar (see text()): base, offset, length (-1 for null).
  private byte[] tBase;
  private int tOff;
  private int tLen;

  private final byte[][] pathBase = new byte[MAX_DEPTH + 1][];
  private final byte[] path = new byte[1 << 12];
  private final int[] keyStarts = new int[(MAX_DEPTH + 2) * MAX_KEYS];
  private final int[] keyEnds = new int[(MAX_DEPTH + 2) * MAX_KEYS];
  private final int[] topStarts = new int[MAX_KEYS];
  private final int[] topEnds = new int[MAX_KEYS];
  private final int[] identityFound = new int[IDENTITY_PATHS.length * 3];
  private final boolean[] identitySeen = new boolean[IDENTITY_PATHS.length];
  private final ReadOnlyCache readOnly = new ReadOnlyCache();
  private final IdentityCache identities = new IdentityCache();
  private byte[] other = new byte[1 << 10];
  private int otherLen;

  /**
   * Flattens the record that starts at {@code buf[start]} (and ends before {@code limit}) into
   * {@code out}. Returns the index just after the record, or -1 when the record is left to {@link
   * EventFlattener} (then {@code out} holds nothing usable).
   *
   * @param sourceFile the UTF-8 bytes of the file's URI
   */
  public int flatten(byte[] buf, int start, int limit, byte[] sourceFile, EventRow out) {
    this.b = buf;
    this.end = limit;
    this.pos = start;
    this.row = out;
    out.clear();
    try {
      record();
      finish(sourceFile);
      return pos;
    } catch (Decline e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- the record

  private void record() {
    if (peek() != '{') {
      throw DECLINE;
    }
    pos++;
    long seen = 0;
    int unknown = 0;
    otherLen = 0;
    ws();
    if (peek() == '}') {
      pos++;
    } else {
      while (true) {
        key();
        if (escaped) {
          throw DECLINE;
        }
        int ks = vStart;
        int ke = vEnd;
        colon();
        Field f = field(ks, ke);
        if (f != null) {
          long bit = 1L << f.ordinal();
          if ((seen & bit) != 0) {
            throw DECLINE;
          }
          seen |= bit;
          value(f, ks, ke);
        } else {
          // Unknown top-level keys: compared with each other for duplicates (a handful at most).
          if (unknown == MAX_KEYS) {
            throw DECLINE;
          }
          for (int k = 0; k < unknown; k++) {
            if (Arrays.equals(b, topStarts[k], topEnds[k], b, ks, ke)) {
              throw DECLINE;
            }
          }
          topStarts[unknown] = ks;
          topEnds[unknown] = ke;
          unknown++;
          skip(0);
          keepOtherJson(ks, ke);
        }
        if (next('}')) {
          break;
        }
      }
    }
  }

  /** Known keys by (length, first 24 bytes): a few word comparisons per key, no byte loops. */
  private static final int FIELD_SLOTS = 256;

  private static final Field[] FIELD_BY_SLOT = new Field[FIELD_SLOTS];
  private static final long[][] FIELD_WORDS = new long[FIELD_SLOTS][];

  static {
    for (Field f : FIELDS) {
      long[] w = words(f.name, 0, f.name.length);
      int slot = slot(f.name.length, w[0]);
      while (FIELD_BY_SLOT[slot] != null) {
        slot = (slot + 1) & (FIELD_SLOTS - 1);
      }
      FIELD_BY_SLOT[slot] = f;
      FIELD_WORDS[slot] = w;
    }
  }

  /** A cheap hash of a short key (length, first, middle and last bytes) into 64 slots. */
  private static int nameHash(byte[] k, int s, int len) {
    return len == 0 ? 0 : (len * 7 + k[s] * 31 + k[s + len / 2] * 17 + k[s + len - 1]) & 63;
  }

  private static long[] words(byte[] k, int s, int len) {
    return new long[] {
      JsonBytes.word(k, s, s + len),
      JsonBytes.word(k, s + 8, s + len),
      JsonBytes.word(k, s + 16, s + len)
    };
  }

  private static int slot(int len, long w0) {
    long h = (w0 ^ len) * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 56);
  }

  private static Field field(byte[] b, int s, int e) {
    int len = e - s;
    if (len > 24) {
      return null;
    }
    long w0 = JsonBytes.word(b, s, e);
    int slot = slot(len, w0);
    Field f;
    while ((f = FIELD_BY_SLOT[slot]) != null) {
      long[] w = FIELD_WORDS[slot];
      if (f.name.length == len
          && w[0] == w0
          && w[1] == JsonBytes.word(b, s + 8, e)
          && w[2] == JsonBytes.word(b, s + 16, e)) {
        return f;
      }
      slot = (slot + 1) & (FIELD_SLOTS - 1);
    }
    return null;
  }

  private Field field(int s, int e) {
    return field(b, s, e);
  }

  private void value(Field f, int ks, int ke) {
    switch (f) {
      case EVENT_ID -> eventId();
      case EVENT_TIME -> eventTime();
      case READ_ONLY -> bool(READ_ONLY);
      case MANAGEMENT_EVENT -> bool(MANAGEMENT_EVENT);
      case USER_IDENTITY -> userIdentity();
      case REQUEST -> free(REQUEST, REQUEST_JSON);
      case RESPONSE -> free(RESPONSE, RESPONSE_JSON);
      case ADDITIONAL -> {
        skip(0);
        json(ADDITIONAL_JSON);
      }
      case RESOURCES -> resources(ks, ke);
      case TLS -> tls(ks, ke);
      case ADDENDUM -> addendum(ks, ke);
      default -> {
        skip(0);
        text();
        set(f.textColumn);
      }
    }
  }

  private void eventId() {
    skip(0);
    if (kind != STRING) {
      throw DECLINE;
    }
    text();
    int s = tOff;
    int e = tOff + tLen;
    while (s < e && (tBase[s] & 0xFF) <= 0x20) {
      s++;
    }
    while (e > s && (tBase[e - 1] & 0xFF) <= 0x20) {
      e--;
    }
    if (s == e || e - s > 256) {
      throw DECLINE;
    }
    for (int i = s; i < e; i++) {
      int c = tBase[i] & 0xFF;
      if (c <= 0x20 || c >= 0x7f) {
        throw DECLINE;
      }
    }
    row.string(EVENT_ID, tBase, s, e - s);
  }

  private void eventTime() {
    skip(0);
    if (kind != STRING) {
      throw DECLINE;
    }
    text();
    long micros = micros(tBase, tOff, tLen);
    if (micros == Long.MIN_VALUE) {
      throw DECLINE;
    }
    row.number(EVENT_TIME, micros);
    row.number(EVENT_DATE, Math.floorDiv(Math.floorDiv(micros, 1_000_000L), 86_400L));
  }

  /** Microseconds of a CloudTrail time, or Long.MIN_VALUE when it is not one. */
  private static long micros(byte[] t, int off, int len) {
    long s = CloudTrailTime.fastSeconds(t, off, len);
    if (s != CloudTrailTime.NONE) {
      return s * 1_000_000L;
    }
    Instant i = CloudTrailTime.parse(new String(t, off, len, StandardCharsets.UTF_8));
    return i == null ? Long.MIN_VALUE : i.getEpochSecond() * 1_000_000L + i.getNano() / 1_000L;
  }

  private void bool(int column) {
    skip(0);
    switch (kind) {
      case LITERAL -> row.number(column, b[vStart] == 't' ? 1 : 0);
      case NULL -> {}
      case STRING -> {
        text();
        int s = tOff;
        int e = tOff + tLen;
        while (s < e && (tBase[s] & 0xFF) <= 0x20) {
          s++;
        }
        while (e > s && (tBase[e - 1] & 0xFF) <= 0x20) {
          e--;
        }
        if (s == e) {
          return;
        }
        if (ascii(tBase, s, e, "true")) {
          row.number(column, 1);
        } else if (ascii(tBase, s, e, "false")) {
          row.number(column, 0);
        } else {
          throw DECLINE;
        }
      }
      default -> throw DECLINE;
    }
  }

  /** Case-insensitive ASCII comparison with a lower-case word. */
  private static boolean ascii(byte[] t, int s, int e, String word) {
    if (e - s != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = t[s + i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- userIdentity

  private void userIdentity() {
    ws();
    int start = pos;
    if (peek() != '{') {
      skip(0);
      json(USER_IDENTITY_JSON);
      return;
    }
    int end = objectEnd(start);
    long hash = end < 0 ? 0 : JsonBytes.hash(b, start, end - start);
    IdentityCache.Entry cached = end < 0 ? null : identities.get(b, start, end, hash);
    if (cached == null) {
      Arrays.fill(identitySeen, false);
      walk(0, 0, null);
      cached = remember(start, hash);
    } else {
      pos = end;
    }
    row.string(USER_IDENTITY_JSON, cached.raw, 0, cached.raw.length);
    for (int k = 0; k < cached.columns.length; k++) {
      row.string(cached.columns[k], cached.values[k], 0, cached.values[k].length);
    }
    if (cached.mfa >= 0) {
      row.number(MFA, cached.mfa);
    }
    if (cached.created != Long.MIN_VALUE) {
      row.number(CREATED, cached.created);
    }
    row.identity(cached.token);
  }

  /** The identity columns of the object just walked, kept in the cache under its bytes. */
  private IdentityCache.Entry remember(int start, long hash) {
    int[] columns = new int[IDENTITY_COLUMNS.length];
    byte[][] values = new byte[IDENTITY_COLUMNS.length][];
    int n = 0;
    for (int i = 0; i < IDENTITY_COLUMNS.length; i++) {
      int column = IDENTITY_COLUMNS[i];
      int path = i;
      if (column == SOURCE_IDENTITY && !(identitySeen[i] && identityFound[i * 3 + 2] >= 0)) {
        path = PATH_SESSION_SOURCE; // sourceIdentity, else sessionContext.sourceIdentity
      }
      if (column >= 0 && identitySeen[path] && identityFound[path * 3 + 2] >= 0) {
        int off = identityFound[path * 3 + 1];
        columns[n] = column;
        values[n++] =
            Arrays.copyOfRange(identityBases[path], off, off + identityFound[path * 3 + 2]);
      }
    }
    long mfa = -1;
    if (identitySeen[PATH_MFA] && identityFound[PATH_MFA * 3 + 2] >= 0) {
      byte[] t = foundBase(PATH_MFA);
      int s = identityFound[PATH_MFA * 3 + 1];
      int e = s + identityFound[PATH_MFA * 3 + 2];
      while (s < e && (t[s] & 0xFF) <= 0x20) {
        s++;
      }
      while (e > s && (t[e - 1] & 0xFF) <= 0x20) {
        e--;
      }
      mfa = ascii(t, s, e, "true") ? 1 : 0;
    }
    long created = Long.MIN_VALUE;
    if (identitySeen[PATH_CREATED] && identityFound[PATH_CREATED * 3 + 2] >= 0) {
      created =
          micros(
              foundBase(PATH_CREATED),
              identityFound[PATH_CREATED * 3 + 1],
              identityFound[PATH_CREATED * 3 + 2]);
    }
    return identities.put(
        b, start, pos, hash, Arrays.copyOf(columns, n), Arrays.copyOf(values, n), mfa, created);
  }

  /**
   * Where the object starting at {@code start} ends, by brackets and quotes only (not validated),
   * or -1.
   */
  private int objectEnd(int start) {
    int depth = 0;
    int i = start;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        i++;
        while (true) {
          i = JsonBytes.plainRun(b, i, end);
          if (i >= end) {
            return -1;
          }
          if (b[i] == '"') {
            break;
          }
          i += b[i] == '\\' ? 2 : 1;
        }
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (--depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return -1;
  }

  private final byte[][] identityBases = new byte[IDENTITY_PATHS.length][];

  private byte[] foundBase(int path) {
    return identityBases[path];
  }

  /**
   * A leaf of userIdentity at {@code path[0, pathLen)}: kept if it is one of the paths with a
   * column.
   */
  private void identityLeaf(int pathLen, byte[] base, int off, int len) {
    for (int i : IDENTITY_TABLE[nameHash(path, 0, pathLen)]) {
      byte[] p = IDENTITY_PATH_BYTES[i];
      if (p.length == pathLen && JsonBytes.equal(p, 0, path, 0, pathLen)) {
        identitySeen[i] = true;
        identityBases[i] = base;
        identityFound[i * 3 + 1] = off;
        identityFound[i * 3 + 2] = len;
        return;
      }
    }
  }

  // ---------------------------------------------------------------- requestParameters,
  // responseElements

  private void free(int mapColumn, int jsonColumn) {
    ws();
    int start = pos;
    byte c = peek();
    EventRow.Entries e = row.map(mapColumn);
    if (c == '{' || c == '[') {
      e.markPresent();
      walk(0, 0, e);
      row.string(jsonColumn, b, start, pos - start);
      return;
    }
    skip(0);
    if (kind == NULL) {
      return;
    }
    if (kind == STRING && looksLikeJson()) {
      innerJson(e, jsonColumn);
      return;
    }
    if (kind == STRING && escaped) {
      throw DECLINE;
    }
    // A scalar: one entry with the empty path; the JSON column is its JSON text.
    text();
    e.add(EMPTY_OBJECT, 0, 0, tBase, tOff, tLen);
    row.string(jsonColumn, b, vStart, vEnd - vStart);
  }

  /**
   * A string holding JSON (as S3 data events carry requestParameters): flattened from its decoded
   * text, which is also the JSON column. Like the reference, only the first value is read.
   */
  private void innerJson(EventRow.Entries e, int jsonColumn) {
    text();
    byte[] textBase = tBase;
    int textOff = tOff;
    int textLen = tLen;
    byte[] outerB = b;
    int outerEnd = end;
    int outerPos = pos;
    b = textBase;
    pos = textOff;
    end = textOff + textLen;
    ws();
    byte c = peek();
    if (c != '{' && c != '[') {
      throw DECLINE;
    }
    e.markPresent();
    walk(0, 0, e);
    b = outerB;
    end = outerEnd;
    pos = outerPos;
    row.string(jsonColumn, textBase, textOff, textLen);
  }

  /**
   * A string that {@link EventFlattener} would try to parse as JSON (or might: non-ASCII first).
   */
  private boolean looksLikeJson() {
    for (int i = vStart + 1; i < vEnd - 1; i++) {
      int c = b[i] & 0xFF;
      if (c == '{' || c == '[' || c >= 0x80) {
        return true;
      }
      if (!(c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F))) {
        return false;
      }
    }
    return false;
  }

  /**
   * Walks the value at pos (an object or array, or a scalar below one), with its path in {@code
   * path[0, pathLen)}: leaves go to the map {@code e}, or when it is null to the identity columns.
   * Keys that could make two leaves share a path (duplicates, empty, or holding '.', '[' or ']')
   * and escaped keys are declined.
   */
  private void walk(int pathLen, int depth, EventRow.Entries e) {
    if (depth > MAX_DEPTH) {
      throw DECLINE;
    }
    ws();
    byte c = peek();
    if (c == '{') {
      pos++;
      ws();
      if (peek() == '}') {
        pos++;
        leaf(pathLen, e, EMPTY_OBJECT, 0, 2);
        return;
      }
      int base = depth * MAX_KEYS;
      int keys = 0;
      while (true) {
        key();
        int ks = vStart;
        int ke = vEnd;
        if (escaped || ks == ke || keys == MAX_KEYS) {
          throw DECLINE;
        }
        for (int i = ks; i < ke; i++) {
          byte x = b[i];
          if (x == '.' || x == '[' || x == ']') {
            throw DECLINE;
          }
        }
        for (int k = base; k < base + keys; k++) {
          if (Arrays.equals(b, keyStarts[k], keyEnds[k], b, ks, ke)) {
            throw DECLINE;
          }
        }
        keyStarts[base + keys] = ks;
        keyEnds[base + keys] = ke;
        keys++;
        int len = pathLen;
        if (len > 0) {
          path[len++] = '.';
        }
        if (len + (ke - ks) > path.length - 16) {
          throw DECLINE;
        }
        System.arraycopy(b, ks, path, len, ke - ks);
        len += ke - ks;
        colon();
        walk(len, depth + 1, e);
        if (next('}')) {
          return;
        }
      }
    }
    if (c == '[') {
      pos++;
      ws();
      if (peek() == ']') {
        pos++;
        leaf(pathLen, e, EMPTY_ARRAY, 0, 2);
        return;
      }
      int i = 0;
      while (true) {
        int len = pathLen;
        path[len++] = '[';
        len = digits(i++, len);
        path[len++] = ']';
        walk(len, depth + 1, e);
        if (next(']')) {
          return;
        }
      }
    }
    skip(depth);
    text();
    leaf(pathLen, e, tBase, tOff, tLen);
  }

  private int digits(int n, int at) {
    if (at > path.length - 16) {
      throw DECLINE;
    }
    String s = Integer.toString(n);
    for (int k = 0; k < s.length(); k++) {
      path[at++] = (byte) s.charAt(k);
    }
    return at;
  }

  private void leaf(int pathLen, EventRow.Entries e, byte[] base, int off, int len) {
    if (e == null) {
      identityLeaf(pathLen, base, off, len);
      return;
    }
    int k = row.append(path, 0, pathLen);
    e.add(row.scratch(), k, pathLen, base, off, len);
  }

  // ---------------------------------------------------------------- resources, tlsDetails,
  // addendum

  private static final byte[] K_ARN_UPPER = "ARN".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_ARN = "arn".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_ACCOUNT = "accountId".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_TYPE = "type".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_TLS_VERSION = "tlsVersion".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_CIPHER = "cipherSuite".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_HOST =
      "clientProvidedHostHeader".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_REASON = "reason".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] K_ORIGINAL = "originalEventID".getBytes(StandardCharsets.US_ASCII);

  private boolean is(int ks, int ke, byte[] name) {
    return ke - ks == name.length && Arrays.equals(b, ks, ke, name, 0, name.length);
  }

  private void resources(int nameStart, int nameEnd) {
    ws();
    int start = pos;
    if (peek() != '[') {
      skip(0);
      keepOtherJson(nameStart, nameEnd);
      return;
    }
    pos++;
    EventRow.Resources res = row.resources();
    res.markPresent();
    boolean lossless = true;
    ws();
    if (peek() == ']') {
      pos++;
    } else {
      while (true) {
        ws();
        if (peek() == 'n') {
          literal("null", NULL);
          res.addNull();
        } else if (peek() != '{') {
          lossless = false;
          skip(1);
        } else {
          int el = res.add();
          pos++;
          ws();
          if (peek() == '}') {
            pos++;
          } else {
            while (true) {
              key();
              if (escaped) {
                throw DECLINE;
              }
              int ks = vStart;
              int ke = vEnd;
              colon();
              skip(2);
              int f =
                  is(ks, ke, K_ARN_UPPER) || is(ks, ke, K_ARN)
                      ? 0
                      : is(ks, ke, K_ACCOUNT) ? 1 : is(ks, ke, K_TYPE) ? 2 : -1;
              if (f < 0) {
                lossless = false;
              } else {
                text();
                res.field(el, f, tBase, tOff, tLen);
              }
              if (next('}')) {
                break;
              }
            }
          }
        }
        if (next(']')) {
          break;
        }
      }
    }
    if (!lossless) {
      keepOtherRaw(nameStart, nameEnd, start, pos);
    }
  }

  private void tls(int nameStart, int nameEnd) {
    ws();
    int start = pos;
    if (peek() != '{') {
      skip(0);
      keepOtherJson(nameStart, nameEnd);
      return;
    }
    boolean lossless =
        object(
            (ks, ke) -> {
              int column =
                  is(ks, ke, K_TLS_VERSION)
                      ? TLS_VERSION
                      : is(ks, ke, K_CIPHER) ? TLS_CIPHER : is(ks, ke, K_HOST) ? TLS_HOST : -1;
              if (column >= 0) {
                text();
                set(column);
              }
              return column >= 0;
            });
    if (!lossless) {
      keepOtherRaw(nameStart, nameEnd, start, pos);
    }
  }

  private void addendum(int nameStart, int nameEnd) {
    ws();
    int start = pos;
    if (peek() != '{') {
      skip(0);
      keepOtherJson(nameStart, nameEnd);
      return;
    }
    object(
        (ks, ke) -> {
          int column =
              is(ks, ke, K_REASON)
                  ? ADDENDUM_REASON
                  : is(ks, ke, K_ORIGINAL) ? ADDENDUM_ORIGINAL : -1;
          if (column >= 0) {
            text();
            set(column);
          }
          return true;
        });
    keepOtherRaw(nameStart, nameEnd, start, pos);
  }

  /**
   * What to do with one member of a small object, its value just parsed; false if it has no column.
   */
  private interface Member {
    boolean take(int keyStart, int keyEnd);
  }

  /**
   * Parses the object at pos (one level, later duplicates win); false if a member had no column.
   */
  private boolean object(Member m) {
    pos++;
    ws();
    if (peek() == '}') {
      pos++;
      return true;
    }
    boolean all = true;
    while (true) {
      key();
      if (escaped) {
        throw DECLINE;
      }
      int ks = vStart;
      int ke = vEnd;
      colon();
      skip(1);
      all &= m.take(ks, ke);
      if (next('}')) {
        return all;
      }
    }
  }

  // ---------------------------------------------------------------- other_fields_json

  /** other_fields_json gets {@code "name": <json of the value just parsed>}. */
  private void keepOtherJson(int nameStart, int nameEnd) {
    if (kind == STRING && escaped) {
      throw DECLINE;
    }
    otherEntry(nameStart, nameEnd);
    if (kind == NULL) {
      otherPut(NULL_TEXT, 0, NULL_TEXT.length);
    } else {
      otherPut(b, vStart, vEnd - vStart);
    }
  }

  /** other_fields_json gets {@code "name": <the raw JSON of b[from, to)>}. */
  private void keepOtherRaw(int nameStart, int nameEnd, int from, int to) {
    otherEntry(nameStart, nameEnd);
    otherPut(b, from, to - from);
  }

  private static final byte[] NULL_TEXT = "null".getBytes(StandardCharsets.US_ASCII);

  /**
   * Starts an entry of other_fields_json, which is built apart and copied into the row at the end.
   */
  private void otherEntry(int nameStart, int nameEnd) {
    otherPut(otherLen == 0 ? OPEN : COMMA, 0, 1);
    otherPut(b, nameStart - 1, nameEnd - nameStart + 2);
    otherPut(COLON, 0, 1);
  }

  private static final byte[] OPEN = {'{'};
  private static final byte[] COMMA = {','};
  private static final byte[] COLON = {':'};
  private static final byte[] CLOSE = {'}'};

  private void otherPut(byte[] src, int from, int len) {
    if (otherLen + len > other.length) {
      other = Arrays.copyOf(other, Math.max(other.length * 2, otherLen + len));
    }
    System.arraycopy(src, from, other, otherLen, len);
    otherLen += len;
  }

  // ---------------------------------------------------------------- finishing the row

  private void finish(byte[] sourceFile) {
    if (row.isNull(EVENT_ID) || row.isNull(EVENT_TIME)) {
      throw DECLINE;
    }
    if (row.isNull(READ_ONLY) && !row.isNull(EVENT_NAME)) {
      Boolean r = readOnly.of(row.base(EVENT_NAME), row.offset(EVENT_NAME), row.length(EVENT_NAME));
      if (r != null) {
        row.number(READ_ONLY, r ? 1 : 0);
      }
    }
    int actor = IdentityPaths.actorColumn(notBlank);
    if (actor >= 0) {
      row.string(ACTOR, row.base(actor), row.offset(actor), row.length(actor));
    }
    ConnectInstanceRule.apply(connect);
    if (otherLen > 0) {
      otherPut(CLOSE, 0, 1);
      int at = row.append(other, 0, otherLen);
      row.string(OTHER_JSON, row.scratch(), at, otherLen);
    }
    row.sourceFile(sourceFile);
  }

  /** Whether a string column of the row has a non-blank value: the actor rule's test. */
  private final IntPredicate notBlank =
      c -> !row.isNull(c) && !blank(row.base(c), row.offset(c), row.length(c));

  private final RowValues connect = new RowValues();

  private static final byte[][] INSTANCE_KEYS =
      new byte[ConnectInstanceRule.INSTANCE_KEYS.length][];
  private static final byte[][] MARKERS = new byte[ConnectInstanceRule.MARKERS.length][];

  static {
    for (int k = 0; k < INSTANCE_KEYS.length; k++) {
      INSTANCE_KEYS[k] = ConnectInstanceRule.INSTANCE_KEYS[k].getBytes(StandardCharsets.US_ASCII);
    }
    for (int k = 0; k < MARKERS.length; k++) {
      MARKERS[k] = ConnectInstanceRule.MARKERS[k].getBytes(StandardCharsets.US_ASCII);
    }
  }

  /** {@link ConnectInstanceRule}'s view of the row being filled: byte ranges, no copies. */
  private final class RowValues implements ConnectInstanceRule.Values {
    @Override
    public int size(int part) {
      return part == ConnectInstanceRule.RESOURCES ? row.resources().size() : entries(part).size();
    }

    @Override
    public boolean keyIs(int i, int key) {
      EventRow.Entries req = row.map(REQUEST);
      byte[] k = INSTANCE_KEYS[key];
      return req.keyLength(i) == k.length
          && Arrays.equals(
              req.keyBase(i), req.keyOffset(i), req.keyOffset(i) + k.length, k, 0, k.length);
    }

    @Override
    public boolean blank(int part, int i) {
      int len = length(part, i);
      return len < 0 || FastFlattener.blank(base(part, i), offset(part, i), len);
    }

    @Override
    public boolean contains(int part, int i, int marker) {
      int len = length(part, i);
      int off = offset(part, i);
      return len >= 0 && indexOf(base(part, i), off, off + len, MARKERS[marker]) >= 0;
    }

    @Override
    public String text(int part, int i) {
      int len = length(part, i);
      return len < 0
          ? null
          : new String(base(part, i), offset(part, i), len, StandardCharsets.UTF_8);
    }

    @Override
    public void take(int part, int i) {
      row.string(CONNECT_INSTANCE, base(part, i), offset(part, i), length(part, i));
    }

    @Override
    public void take(String id) {
      row.string(CONNECT_INSTANCE, id);
    }

    private EventRow.Entries entries(int part) {
      return row.map(part == ConnectInstanceRule.REQUEST ? REQUEST : RESPONSE);
    }

    private byte[] base(int part, int i) {
      return part == ConnectInstanceRule.RESOURCES
          ? row.resources().base(i, 0)
          : entries(part).valueBase(i);
    }

    private int offset(int part, int i) {
      return part == ConnectInstanceRule.RESOURCES
          ? row.resources().offset(i, 0)
          : entries(part).valueOffset(i);
    }

    private int length(int part, int i) {
      return part == ConnectInstanceRule.RESOURCES
          ? row.resources().length(i, 0)
          : entries(part).valueLength(i);
    }
  }

  private static int indexOf(byte[] v, int from, int to, byte[] what) {
    outer:
    for (int i = from; i <= to - what.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (v[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** String.isBlank of UTF-8 bytes. */
  private static boolean blank(byte[] v, int off, int len) {
    for (int i = off; i < off + len; i++) {
      int c = v[i] & 0xFF;
      if (c >= 0x80) {
        return new String(v, off, len, StandardCharsets.UTF_8).isBlank();
      }
      if (!(c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F))) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- values

  /** The column gets the text of the last value (as {@link #text()} leaves it), null included. */
  private void set(int column) {
    row.string(column, tBase, tOff, tLen);
  }

  /**
   * The JSON column gets the JSON text of the last value (a string re-quoted must be unescaped).
   */
  private void json(int column) {
    if (kind == NULL) {
      return;
    }
    if (kind == STRING && escaped) {
      throw DECLINE;
    }
    row.string(column, b, vStart, vEnd - vStart);
  }

  /**
   * The text of the last value as {@link EventFlattener}'s {@code text()} gives it: a string
   * decoded, a number or literal as written, a container as its JSON, null as null.
   */
  private void text() {
    switch (kind) {
      case NULL -> {
        tBase = null;
        tLen = -1;
      }
      case STRING -> {
        if (!escaped) {
          tBase = b;
          tOff = vStart + 1;
          tLen = vEnd - vStart - 2;
        } else {
          decode();
        }
      }
      default -> {
        tBase = b;
        tOff = vStart;
        tLen = vEnd - vStart;
      }
    }
  }

  /** Decodes the escaped string content of the last value into the row's scratch bytes. */
  private void decode() {
    int from = vStart + 1;
    int to = vEnd - 1;
    row.reserve(to - from);
    int at = row.scratchSize();
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (c != '\\') {
        row.appendByte(c);
        continue;
      }
      byte x = b[++i];
      switch (x) {
        case '"', '\\', '/' -> row.appendByte(x);
        case 'b' -> row.appendByte((byte) '\b');
        case 'f' -> row.appendByte((byte) '\f');
        case 'n' -> row.appendByte((byte) '\n');
        case 'r' -> row.appendByte((byte) '\r');
        case 't' -> row.appendByte((byte) '\t');
        case 'u' -> {
          int cp = hex4(i + 1);
          i += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 6 >= to || b[i + 1] != '\\' || b[i + 2] != 'u') {
              throw DECLINE;
            }
            int lo = hex4(i + 3);
            if (lo < 0xDC00 || lo > 0xDFFF) {
              throw DECLINE;
            }
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            throw DECLINE;
          }
          utf8(cp);
        }
        default -> throw DECLINE;
      }
    }
    tBase = row.scratch();
    tOff = at;
    tLen = row.scratchSize() - at;
  }

  private int hex4(int at) {
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int c = b[at + k];
      int d =
          c >= '0' && c <= '9'
              ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) {
        throw DECLINE;
      }
      v = v << 4 | d;
    }
    return v;
  }

  private void utf8(int cp) {
    if (cp < 0x80) {
      row.appendByte((byte) cp);
    } else if (cp < 0x800) {
      row.appendByte((byte) (0xC0 | cp >> 6));
      row.appendByte((byte) (0x80 | cp & 0x3F));
    } else if (cp < 0x10000) {
      row.appendByte((byte) (0xE0 | cp >> 12));
      row.appendByte((byte) (0x80 | cp >> 6 & 0x3F));
      row.appendByte((byte) (0x80 | cp & 0x3F));
    } else {
      row.appendByte((byte) (0xF0 | cp >> 18));
      row.appendByte((byte) (0x80 | cp >> 12 & 0x3F));
      row.appendByte((byte) (0x80 | cp >> 6 & 0x3F));
      row.appendByte((byte) (0x80 | cp & 0x3F));
    }
  }

  // ---------------------------------------------------------------- the JSON grammar (RFC 8259)

  private byte peek() {
    if (pos >= end) {
      throw DECLINE;
    }
    return b[pos];
  }

  private void ws() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      pos++;
    }
  }

  /** Consumes a ',' (false) or the closing byte (true) after a member or element. */
  private boolean next(char close) {
    ws();
    byte c = peek();
    pos++;
    if (c == ',') {
      ws();
      return false;
    }
    if (c == close) {
      return true;
    }
    throw DECLINE;
  }

  private void key() {
    ws();
    if (peek() != '"') {
      throw DECLINE;
    }
    string();
    vStart++;
    vEnd--;
  }

  private void colon() {
    ws();
    if (peek() != ':') {
      throw DECLINE;
    }
    pos++;
    ws();
  }

  /** Parses and validates the value at pos; sets kind and its raw range. */
  private void skip(int depth) {
    if (depth > MAX_DEPTH) {
      throw DECLINE;
    }
    ws();
    int start = pos;
    byte c = peek();
    switch (c) {
      case '"' -> {
        string();
        return;
      }
      case '{' -> {
        pos++;
        ws();
        if (peek() == '}') {
          pos++;
        } else {
          while (true) {
            key();
            colon();
            skip(depth + 1);
            if (next('}')) {
              break;
            }
          }
        }
        kind = OBJECT;
      }
      case '[' -> {
        pos++;
        ws();
        if (peek() == ']') {
          pos++;
        } else {
          while (true) {
            skip(depth + 1);
            if (next(']')) {
              break;
            }
          }
        }
        kind = ARRAY;
      }
      case 't' -> literal("true", LITERAL);
      case 'f' -> literal("false", LITERAL);
      case 'n' -> literal("null", NULL);
      default -> number();
    }
    vStart = start;
    vEnd = pos;
    escaped = false;
  }

  private void literal(String word, int k) {
    if (pos + word.length() > end) {
      throw DECLINE;
    }
    for (int i = 0; i < word.length(); i++) {
      if (b[pos + i] != word.charAt(i)) {
        throw DECLINE;
      }
    }
    pos += word.length();
    kind = k;
  }

  private void number() {
    int start = pos;
    if (pos < end && b[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw DECLINE;
    }
    if (b[pos] == '0') {
      pos++;
    } else if (b[pos] >= '1' && b[pos] <= '9') {
      digitsRun();
    } else {
      throw DECLINE;
    }
    if (pos < end && b[pos] == '.') {
      pos++;
      if (digitsRun() == 0) {
        throw DECLINE;
      }
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      if (digitsRun() == 0) {
        throw DECLINE;
      }
    }
    if (pos - start > MAX_NUMBER) {
      throw DECLINE;
    }
    kind = NUMBER;
  }

  private int digitsRun() {
    int s = pos;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    return pos - s;
  }

  /**
   * A string at pos: validated (escapes, no control bytes, well-formed UTF-8); vStart/vEnd include
   * the quotes.
   */
  private void string() {
    int start = pos;
    int i = pos + 1;
    boolean esc = false;
    while (true) {
      i = JsonBytes.plainRun(b, i, end);
      if (i >= end) {
        throw DECLINE;
      }
      byte c = b[i];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        esc = true;
        if (i + 1 >= end) {
          throw DECLINE;
        }
        byte x = b[i + 1];
        if (x == 'u') {
          if (i + 5 >= end) {
            throw DECLINE;
          }
          hex4(i + 2);
          i += 6;
        } else if (x == '"' || x == '\\' || x == '/' || x == 'b' || x == 'f' || x == 'n' || x == 'r'
            || x == 't') {
          i += 2;
        } else {
          throw DECLINE;
        }
      } else if (c < 0 && (i = JsonBytes.utf8(b, i, end)) >= 0) {
        continue;
      } else {
        throw DECLINE;
      }
    }
    pos = i + 1;
    kind = STRING;
    vStart = start;
    vEnd = pos;
    escaped = esc;
  }

  /** ApiNames.readOnly by event name bytes, remembered without allocating (a day has few names). */
  private static final class ReadOnlyCache {
    private static final int SLOTS = 1 << 10;
    private final byte[][] names = new byte[SLOTS][];
    private final byte[] answers = new byte[SLOTS]; // 0 null, 1 false, 2 true

    Boolean of(byte[] v, int off, int len) {
      int h = 1;
      for (int i = off; i < off + len; i++) {
        h = 31 * h + v[i];
      }
      int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
      byte[] n = names[slot];
      byte a;
      if (n != null && n.length == len && Arrays.equals(n, 0, len, v, off, off + len)) {
        a = answers[slot];
      } else {
        Boolean r = ApiNames.readOnly(new String(v, off, len, StandardCharsets.UTF_8));
        a = r == null ? 0 : r ? (byte) 2 : (byte) 1;
        names[slot] = Arrays.copyOfRange(v, off, off + len);
        answers[slot] = a;
      }
      return a == 0 ? null : a == 2;
    }
  }
}
