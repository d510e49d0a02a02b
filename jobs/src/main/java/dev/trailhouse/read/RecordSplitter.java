package dev.trailhouse.read;

/**
 * Finds the byte ranges of the elements of a CloudTrail file's top-level {@code Records} array in
 * one pass over raw bytes, without a JSON parser, so that one bad record (broken syntax, invalid
 * UTF-8, absurd nesting) is cut out and reported while every other record is still read. Also
 * validates UTF-8 on the way.
 */
public final class RecordSplitter {

  /** Receives what the splitter finds. */
  public interface Visitor {
    /**
     * A complete element: bytes {@code [start, end)}; {@code badUtf8At} is -1 or the offset of
     * invalid UTF-8.
     */
    void element(int index, int start, int end, int badUtf8At);

    /** A problem: {@code index} is the element it concerns, or -1 for the whole file. */
    void problem(int index, int offset, Problem problem);

    /**
     * Offered first for each element: a visitor that can take the element starting at {@code start}
     * in one pass returns the index after it (then {@link #element} is not called for it), or -1.
     */
    default int take(int index, int start) {
      return -1;
    }
  }

  /** Why a file or element could not be split. */
  public enum Problem {
    EMPTY("empty file: no content"),
    NOT_AN_OBJECT("the file is not a JSON object {\"Records\":[...]}"),
    NO_RECORDS("the file has no \"Records\" array"),
    RECORDS_NOT_ARRAY("\"Records\" is not an array"),
    TRUNCATED("the file ends inside this record (truncated)"),
    BAD_SEPARATOR("malformed JSON between records; the rest of the file could not be split");

    private final String text;

    Problem(String text) {
      this.text = text;
    }

    public String text() {
      return text;
    }
  }

  private static final byte[] RECORDS =
      "Records".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final byte[] b;
  private final int len;
  private int badUtf8;

  private RecordSplitter(byte[] b, int len) {
    this.b = b;
    this.len = len;
  }

  /** Splits {@code b[0, len)} and reports to {@code v}; returns the number of elements reported. */
  public static int split(byte[] b, int len, Visitor v) {
    return new RecordSplitter(b, len).run(v);
  }

  private int run(Visitor v) {
    int p = ws(bom(0));
    if (p >= len) {
      v.problem(-1, 0, Problem.EMPTY);
      return 0;
    }
    if (b[p] != '{') {
      v.problem(-1, p, Problem.NOT_AN_OBJECT);
      return 0;
    }
    p = ws(p + 1);
    boolean found = false;
    int count = 0;
    while (p < len && b[p] != '}') {
      if (b[p] != '"') {
        v.problem(-1, p, found ? Problem.BAD_SEPARATOR : Problem.NOT_AN_OBJECT);
        return count;
      }
      int keyStart = p + 1;
      int keyEnd = string(p);
      if (keyEnd < 0) {
        v.problem(-1, p, found ? Problem.BAD_SEPARATOR : Problem.NO_RECORDS);
        return count;
      }
      p = ws(keyEnd);
      if (p >= len || b[p] != ':') {
        v.problem(-1, p, found ? Problem.BAD_SEPARATOR : Problem.NOT_AN_OBJECT);
        return count;
      }
      p = ws(p + 1);
      if (!found && isRecords(keyStart, keyEnd - 1)) {
        found = true;
        if (p >= len || b[p] != '[') {
          v.problem(-1, p, p >= len ? Problem.TRUNCATED : Problem.RECORDS_NOT_ARRAY);
          return 0;
        }
        int[] state = {p + 1, 0};
        if (!elements(state, v)) {
          return state[1];
        }
        count = state[1];
        p = ws(state[0]);
      } else {
        int end = value(p);
        if (end < 0) {
          v.problem(-1, p, found ? Problem.BAD_SEPARATOR : Problem.NO_RECORDS);
          return count;
        }
        p = ws(end);
      }
      if (p < len && b[p] == ',') {
        p = ws(p + 1);
      }
    }
    if (!found) {
      v.problem(-1, 0, p >= len ? Problem.TRUNCATED : Problem.NO_RECORDS);
    }
    return count;
  }

  /** Reports the elements; state = {position, count}. Returns false if the file cannot go on. */
  private boolean elements(int[] state, Visitor v) {
    int p = ws(state[0]);
    int index = 0;
    if (p < len && b[p] == ']') {
      state[0] = p + 1;
      return true;
    }
    while (true) {
      if (p >= len) {
        v.problem(index, p, Problem.TRUNCATED);
        state[1] = index + 1;
        return false;
      }
      int end = v.take(index, p);
      if (end < 0) {
        badUtf8 = -1;
        end = value(p);
        if (end < 0) {
          v.problem(index, p, Problem.TRUNCATED);
          state[1] = index + 1;
          return false;
        }
        v.element(index, p, end, badUtf8);
      }
      index++;
      p = ws(end);
      if (p >= len) {
        state[1] = index;
        v.problem(-1, p, Problem.TRUNCATED);
        state[1] = index + 1;
        return false;
      }
      if (b[p] == ',') {
        p = ws(p + 1);
      } else if (b[p] == ']') {
        state[0] = p + 1;
        state[1] = index;
        return true;
      } else {
        v.problem(-1, p, Problem.BAD_SEPARATOR);
        state[1] = index + 1;
        return false;
      }
    }
  }

  private boolean isRecords(int start, int end) {
    if (end - start != RECORDS.length) {
      return false;
    }
    for (int i = 0; i < RECORDS.length; i++) {
      if (b[start + i] != RECORDS[i]) {
        return false;
      }
    }
    return true;
  }

  /** End (exclusive) of the value starting at p, or -1 if the input ends first. */
  private int value(int p) {
    byte c = b[p];
    if (c == '"') {
      return string(p);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      int i = p;
      while (i < len) {
        byte x = b[i];
        if (x == '"') {
          i = string(i);
          if (i < 0) {
            return -1;
          }
          continue;
        }
        if (x == '{' || x == '[') {
          depth++;
        } else if (x == '}' || x == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        } else if (x < 0) {
          i = utf8(i);
          continue;
        }
        i++;
      }
      return -1;
    }
    int i = p;
    while (i < len) {
      byte x = b[i];
      if (x == ',' || x == ']' || x == '}' || x == ' ' || x == '\n' || x == '\r' || x == '\t') {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** End (exclusive) of the string starting at the quote at p, or -1. */
  private int string(int p) {
    int i = p + 1;
    while (i < len) {
      i = dev.trailhouse.row.JsonBytes.plainRun(b, i, len);
      if (i >= len) {
        break;
      }
      byte x = b[i];
      if (x == '"') {
        return i + 1;
      }
      if (x == '\\') {
        i += 2;
      } else if (x < 0) {
        i = utf8(i);
      } else {
        i++;
      }
    }
    return -1;
  }

  /** Validates the UTF-8 sequence at i (a byte >= 0x80); returns the index after it. */
  private int utf8(int i) {
    int lead = b[i] & 0xFF;
    int n;
    int min = 0x80;
    int max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
      n = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      n = 2;
      if (lead == 0xE0) {
        min = 0xA0;
      } else if (lead == 0xED) {
        max = 0x9F;
      }
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      n = 3;
      if (lead == 0xF0) {
        min = 0x90;
      } else if (lead == 0xF4) {
        max = 0x8F;
      }
    } else {
      markBad(i);
      return i + 1;
    }
    for (int k = 1; k <= n; k++) {
      if (i + k >= len) {
        markBad(i);
        return i + k;
      }
      int c = b[i + k] & 0xFF;
      int lo = k == 1 ? min : 0x80;
      int hi = k == 1 ? max : 0xBF;
      if (c < lo || c > hi) {
        markBad(i);
        return i + k;
      }
    }
    return i + n + 1;
  }

  private void markBad(int i) {
    if (badUtf8 < 0) {
      badUtf8 = i;
    }
  }

  private int ws(int p) {
    while (p < len) {
      byte x = b[p];
      if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
        return p;
      }
      p++;
    }
    return p;
  }

  private int bom(int p) {
    if (len >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return 3;
    }
    return p;
  }
}
