package dev.trailhouse.flatten;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;

/**
 * Flattens a JSON value into {@code path -> scalar text}: {@code a.b.c}, array items {@code
 * a[0].b}; JSON null is a null value; an empty object or array is kept as {@code {}} / {@code []};
 * a scalar at the root has the empty path.
 */
public final class JsonPaths {
  /** What to do when a path appears twice (duplicate keys). */
  public enum Duplicates {
    LAST_WINS,
    REJECT
  }

  private final StringBuilder path = new StringBuilder(128);

  /**
   * Flattens the value whose first token {@code t} the parser is on; leaves the parser on the
   * value's last token.
   */
  public void flatten(JsonParser p, JsonToken t, Map<String, String> out, Duplicates dups)
      throws IOException, RejectedRecord {
    path.setLength(0);
    value(p, t, out, dups);
  }

  private void value(JsonParser p, JsonToken t, Map<String, String> out, Duplicates dups)
      throws IOException, RejectedRecord {
    int mark = path.length();
    switch (t) {
      case START_OBJECT:
        {
          JsonToken n = p.nextToken();
          if (n == JsonToken.END_OBJECT) {
            put(out, "{}", dups);
            return;
          }
          while (n == JsonToken.FIELD_NAME) {
            if (mark > 0) {
              path.append('.');
            }
            path.append(p.currentName());
            value(p, p.nextToken(), out, dups);
            path.setLength(mark);
            n = p.nextToken();
          }
          return;
        }
      case START_ARRAY:
        {
          JsonToken n = p.nextToken();
          if (n == JsonToken.END_ARRAY) {
            put(out, "[]", dups);
            return;
          }
          int i = 0;
          while (n != JsonToken.END_ARRAY) {
            path.append('[').append(i++).append(']');
            value(p, n, out, dups);
            path.setLength(mark);
            n = p.nextToken();
          }
          return;
        }
      case VALUE_NULL:
        put(out, null, dups);
        return;
      default:
        put(out, p.getText(), dups);
    }
  }

  private void put(Map<String, String> out, String v, Duplicates dups) throws RejectedRecord {
    String key = path.toString();
    if (dups == Duplicates.REJECT && out.containsKey(key)) {
      throw new RejectedRecord("duplicate key '" + key + "'");
    }
    out.put(key, v);
  }
}
