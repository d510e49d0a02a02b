package dev.trailhouse.flatten;

import static dev.trailhouse.table.EventsTable.index;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.trailhouse.flatten.JsonPaths.Duplicates;
import dev.trailhouse.table.EventsTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Turns one CloudTrail record (the bytes of one element of {@code Records}) into the values of an
 * {@code events} row, in {@link EventsTable#COLUMNS} order, with one streaming pass. Pure: no Spark
 * session, no I/O. Not thread-safe: one instance per task.
 */
public final class EventFlattener {
  /** Deepest nesting accepted in a record; deeper records are rejected, not crashed on. */
  public static final int MAX_DEPTH = 1000;

  /** Longest string value accepted (CloudTrail itself caps fields at 100 KB). */
  public static final int MAX_STRING = 64 * 1024 * 1024;

  private static final int N = EventsTable.COLUMNS.size();
  private static final int EVENT_ID = index(EventsTable.EVENT_ID);
  private static final int EVENT_TIME = index(EventsTable.EVENT_TIME);
  private static final int EVENT_DATE = index(EventsTable.EVENT_DATE);
  private static final int EVENT_VERSION = index(EventsTable.EVENT_VERSION);
  private static final int EVENT_SOURCE = index(EventsTable.EVENT_SOURCE);
  private static final int EVENT_NAME = index(EventsTable.EVENT_NAME);
  private static final int EVENT_TYPE = index(EventsTable.EVENT_TYPE);
  private static final int EVENT_CATEGORY = index(EventsTable.EVENT_CATEGORY);
  private static final int AWS_REGION = index(EventsTable.AWS_REGION);
  private static final int SOURCE_IP = index(EventsTable.SOURCE_IP_ADDRESS);
  private static final int USER_AGENT = index(EventsTable.USER_AGENT);
  private static final int ERROR_CODE = index(EventsTable.ERROR_CODE);
  private static final int ERROR_MESSAGE = index(EventsTable.ERROR_MESSAGE);
  private static final int READ_ONLY = index(EventsTable.READ_ONLY);
  private static final int MANAGEMENT_EVENT = index(EventsTable.MANAGEMENT_EVENT);
  private static final int RECIPIENT = index(EventsTable.RECIPIENT_ACCOUNT_ID);
  private static final int REQUEST_ID = index(EventsTable.REQUEST_ID);
  private static final int SHARED_EVENT_ID = index(EventsTable.SHARED_EVENT_ID);
  private static final int API_VERSION = index(EventsTable.API_VERSION);
  private static final int VPC_ENDPOINT_ID = index(EventsTable.VPC_ENDPOINT_ID);
  private static final int REQUEST = index(EventsTable.REQUEST_PARAMETERS);
  private static final int REQUEST_JSON = index(EventsTable.REQUEST_PARAMETERS_JSON);
  private static final int RESPONSE = index(EventsTable.RESPONSE_ELEMENTS);
  private static final int RESPONSE_JSON = index(EventsTable.RESPONSE_ELEMENTS_JSON);
  private static final int ADDITIONAL_JSON = index(EventsTable.ADDITIONAL_EVENT_DATA_JSON);
  private static final int RESOURCES = index(EventsTable.RESOURCES);
  private static final int TLS_VERSION = index(EventsTable.TLS_VERSION);
  private static final int TLS_CIPHER = index(EventsTable.TLS_CIPHER_SUITE);
  private static final int TLS_HOST = index(EventsTable.TLS_CLIENT_PROVIDED_HOST_HEADER);
  private static final int ADDENDUM_REASON = index(EventsTable.ADDENDUM_REASON);
  private static final int ADDENDUM_ORIGINAL = index(EventsTable.ADDENDUM_ORIGINAL_EVENT_ID);
  private static final int CONNECT_INSTANCE = index(EventsTable.CONNECT_INSTANCE_ID);
  private static final int USER_IDENTITY_JSON = index(EventsTable.USER_IDENTITY_JSON);
  private static final int OTHER_JSON = index(EventsTable.OTHER_FIELDS_JSON);
  private static final int SOURCE_FILE = index(EventsTable.SOURCE_FILE);
  private static final int ACTOR = index(EventsTable.ACTOR);

  private final JsonFactory factory;
  private final JsonPaths paths = new JsonPaths();
  private final IdentityColumns identity = new IdentityColumns();
  private final Set<String> seen = new HashSet<>();
  private final StringBuilder other = new StringBuilder();
  private byte[] buf;
  private int base;

  public EventFlattener() {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(10_000)
                    .build())
            .build();
  }

  /** Flattens the record in {@code buf[start, end)} read from {@code sourceFile}. */
  public Object[] flatten(byte[] buf, int start, int end, String sourceFile) throws RejectedRecord {
    this.buf = buf;
    this.base = start;
    Object[] row = new Object[N];
    try (JsonParser p = factory.createParser(buf, start, end - start)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new RejectedRecord("the record is not a JSON object (it is " + describe(t) + ")");
      }
      seen.clear();
      other.setLength(0);
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!seen.add(name)) {
          throw new RejectedRecord("duplicate key '" + name + "' in the record");
        }
        field(p, name, p.nextToken(), row);
      }
      if (p.nextToken() != null) {
        throw new RejectedRecord("unexpected content after the record");
      }
    } catch (StreamConstraintsException e) {
      throw new RejectedRecord(
          "the record exceeds a parser limit (nesting depth "
              + MAX_DEPTH
              + ", string length "
              + (MAX_STRING >> 20)
              + " MiB): "
              + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new RejectedRecord("malformed JSON in the record: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new RejectedRecord("unreadable record: " + e.getMessage());
    }
    finish(row, sourceFile);
    return row;
  }

  private void field(JsonParser p, String name, JsonToken t, Object[] row)
      throws IOException, RejectedRecord {
    switch (name) {
      case "eventID" -> row[EVENT_ID] = eventId(p, t);
      case "eventTime" -> eventTime(p, t, row);
      case "eventVersion" -> row[EVENT_VERSION] = text(p, t);
      case "eventSource" -> row[EVENT_SOURCE] = text(p, t);
      case "eventName" -> row[EVENT_NAME] = text(p, t);
      case "eventType" -> row[EVENT_TYPE] = text(p, t);
      case "eventCategory" -> row[EVENT_CATEGORY] = text(p, t);
      case "awsRegion" -> row[AWS_REGION] = text(p, t);
      case "sourceIPAddress" -> row[SOURCE_IP] = text(p, t);
      case "userAgent" -> row[USER_AGENT] = text(p, t);
      case "errorCode" -> row[ERROR_CODE] = text(p, t);
      case "errorMessage" -> row[ERROR_MESSAGE] = text(p, t);
      case "readOnly" -> row[READ_ONLY] = bool(p, t, name);
      case "managementEvent" -> row[MANAGEMENT_EVENT] = bool(p, t, name);
      case "recipientAccountId" -> row[RECIPIENT] = text(p, t);
      case "requestID" -> row[REQUEST_ID] = text(p, t);
      case "sharedEventID" -> row[SHARED_EVENT_ID] = text(p, t);
      case "apiVersion" -> row[API_VERSION] = text(p, t);
      case "vpcEndpointId" -> row[VPC_ENDPOINT_ID] = text(p, t);
      case "userIdentity" -> userIdentity(p, t, row);
      case "requestParameters" -> free(p, t, row, REQUEST, REQUEST_JSON);
      case "responseElements" -> free(p, t, row, RESPONSE, RESPONSE_JSON);
      case "additionalEventData" -> row[ADDITIONAL_JSON] = json(p, t);
      case "resources" -> resources(p, t, row);
      case "tlsDetails" -> tls(p, t, row);
      case "addendum" -> addendum(p, t, row);
      default -> keepOther(name, json(p, t));
    }
  }

  private String eventId(JsonParser p, JsonToken t) throws IOException, RejectedRecord {
    if (t != JsonToken.VALUE_STRING) {
      throw new RejectedRecord("eventID is not a string (it is " + describe(t) + ")");
    }
    String id = p.getText().trim();
    if (id.isEmpty() || id.length() > 256 || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new RejectedRecord("eventID is malformed: '" + abbreviate(id) + "'");
    }
    return id;
  }

  private void eventTime(JsonParser p, JsonToken t, Object[] row)
      throws IOException, RejectedRecord {
    String s = text(p, t);
    Instant when = CloudTrailTime.parse(s);
    if (when == null) {
      throw new RejectedRecord(
          "eventTime is not a timestamp: '" + abbreviate(String.valueOf(s)) + "'");
    }
    row[EVENT_TIME] = when;
    row[EVENT_DATE] = CloudTrailTime.utcDay(when);
  }

  private void userIdentity(JsonParser p, JsonToken t, Object[] row)
      throws IOException, RejectedRecord {
    int start = (int) p.currentTokenLocation().getByteOffset();
    if (t == JsonToken.START_OBJECT) {
      Map<String, String> m = new HashMap<>();
      paths.flatten(p, t, m, Duplicates.REJECT);
      identity.fill(m, row);
      row[USER_IDENTITY_JSON] = slice(start, (int) p.currentLocation().getByteOffset());
    } else {
      row[USER_IDENTITY_JSON] = json(p, t);
    }
  }

  private void free(JsonParser p, JsonToken t, Object[] row, int mapColumn, int jsonColumn)
      throws IOException, RejectedRecord {
    if (t == JsonToken.VALUE_NULL) {
      return;
    }
    Map<String, String> m = new LinkedHashMap<>();
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      int start = (int) p.currentTokenLocation().getByteOffset();
      paths.flatten(p, t, m, Duplicates.LAST_WINS);
      row[jsonColumn] = slice(start, (int) p.currentLocation().getByteOffset());
    } else if (t == JsonToken.VALUE_STRING && looksLikeJson(p.getText())) {
      String text = p.getText();
      byte[] inner = text.getBytes(StandardCharsets.UTF_8);
      try (JsonParser q = factory.createParser(inner)) {
        paths.flatten(q, q.nextToken(), m, Duplicates.LAST_WINS);
        row[jsonColumn] = text;
      } catch (JsonProcessingException e) {
        m.clear();
        m.put("", text);
        row[jsonColumn] = quote(text);
      }
    } else {
      paths.flatten(p, t, m, Duplicates.LAST_WINS);
      row[jsonColumn] = json(p, t);
    }
    row[mapColumn] = m;
  }

  private void resources(JsonParser p, JsonToken t, Object[] row)
      throws IOException, RejectedRecord {
    if (t != JsonToken.START_ARRAY) {
      keepOther("resources", json(p, t));
      return;
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    List<Row> out = new ArrayList<>();
    boolean lossless = true;
    JsonToken n;
    while ((n = p.nextToken()) != JsonToken.END_ARRAY) {
      if (n == JsonToken.VALUE_NULL) {
        out.add(null);
        continue;
      }
      if (n != JsonToken.START_OBJECT) {
        lossless = false;
        p.skipChildren();
        continue;
      }
      String arn = null;
      String account = null;
      String type = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String k = p.currentName();
        JsonToken v = p.nextToken();
        switch (k) {
          case "ARN", "arn" -> arn = text(p, v);
          case "accountId" -> account = text(p, v);
          case "type" -> type = text(p, v);
          default -> {
            lossless = false;
            p.skipChildren();
          }
        }
      }
      out.add(RowFactory.create(arn, account, type));
    }
    row[RESOURCES] = out;
    if (!lossless) {
      keepOther("resources", slice(start, (int) p.currentLocation().getByteOffset()));
    }
  }

  private void tls(JsonParser p, JsonToken t, Object[] row) throws IOException, RejectedRecord {
    if (t != JsonToken.START_OBJECT) {
      keepOther("tlsDetails", json(p, t));
      return;
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    boolean lossless = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken v = p.nextToken();
      switch (k) {
        case "tlsVersion" -> row[TLS_VERSION] = text(p, v);
        case "cipherSuite" -> row[TLS_CIPHER] = text(p, v);
        case "clientProvidedHostHeader" -> row[TLS_HOST] = text(p, v);
        default -> {
          lossless = false;
          p.skipChildren();
        }
      }
    }
    if (!lossless) {
      keepOther("tlsDetails", slice(start, (int) p.currentLocation().getByteOffset()));
    }
  }

  /**
   * The addendum's reason and original id get columns; the whole object is kept in
   * other_fields_json.
   */
  private void addendum(JsonParser p, JsonToken t, Object[] row)
      throws IOException, RejectedRecord {
    if (t != JsonToken.START_OBJECT) {
      keepOther("addendum", json(p, t));
      return;
    }
    int start = (int) p.currentTokenLocation().getByteOffset();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String k = p.currentName();
      JsonToken v = p.nextToken();
      switch (k) {
        case "reason" -> row[ADDENDUM_REASON] = text(p, v);
        case "originalEventID" -> row[ADDENDUM_ORIGINAL] = text(p, v);
        default -> p.skipChildren();
      }
    }
    keepOther("addendum", slice(start, (int) p.currentLocation().getByteOffset()));
  }

  private void finish(Object[] row, String sourceFile) throws RejectedRecord {
    if (row[EVENT_ID] == null) {
      throw new RejectedRecord("the record has no eventID");
    }
    if (row[EVENT_TIME] == null) {
      throw new RejectedRecord("the record has no eventTime");
    }
    if (row[READ_ONLY] == null) {
      row[READ_ONLY] = ApiNames.readOnly((String) row[EVENT_NAME]);
    }
    row[ACTOR] = IdentityColumns.actor(row);
    row[CONNECT_INSTANCE] = connectInstance(row);
    row[OTHER_JSON] = other.length() == 0 ? null : other.append('}').toString();
    row[SOURCE_FILE] = sourceFile;
  }

  /** connect_instance_id by {@link ConnectInstanceRule}, over this row's maps and resources. */
  @SuppressWarnings("unchecked")
  private static String connectInstance(Object[] row) {
    Map<String, String> req = (Map<String, String>) row[REQUEST];
    Map<String, String> resp = (Map<String, String>) row[RESPONSE];
    List<Row> resources = (List<Row>) row[RESOURCES];
    String[] arns = new String[resources == null ? 0 : resources.size()];
    for (int i = 0; i < arns.length; i++) {
      Row r = resources.get(i);
      arns[i] = r == null ? null : r.getString(0);
    }
    RowValues v =
        new RowValues(
            req == null ? new String[0] : req.keySet().toArray(new String[0]),
            new String[][] {
              req == null ? new String[0] : req.values().toArray(new String[0]),
              arns,
              resp == null ? new String[0] : resp.values().toArray(new String[0])
            });
    ConnectInstanceRule.apply(v);
    return v.id;
  }

  /** The rule's view of a row: the request's keys, and the values of each part as strings. */
  private static final class RowValues implements ConnectInstanceRule.Values {
    private final String[] requestKeys;
    private final String[][] parts;
    String id;

    RowValues(String[] requestKeys, String[][] parts) {
      this.requestKeys = requestKeys;
      this.parts = parts;
    }

    @Override
    public int size(int part) {
      return parts[part].length;
    }

    @Override
    public boolean keyIs(int i, int key) {
      return requestKeys[i].equals(ConnectInstanceRule.INSTANCE_KEYS[key]);
    }

    @Override
    public boolean blank(int part, int i) {
      String s = parts[part][i];
      return s == null || s.isBlank();
    }

    @Override
    public boolean contains(int part, int i, int marker) {
      String s = parts[part][i];
      return s != null && s.contains(ConnectInstanceRule.MARKERS[marker]);
    }

    @Override
    public String text(int part, int i) {
      return parts[part][i];
    }

    @Override
    public void take(int part, int i) {
      id = parts[part][i];
    }

    @Override
    public void take(String id) {
      this.id = id;
    }
  }

  private void keepOther(String name, String json) {
    other
        .append(other.length() == 0 ? '{' : ',')
        .append(quote(name))
        .append(':')
        .append(json == null ? "null" : json);
  }

  /** A scalar as text; a container as its JSON text; null as null. */
  private String text(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
      return json(p, t);
    }
    return p.getText();
  }

  private Boolean bool(JsonParser p, JsonToken t, String name) throws IOException, RejectedRecord {
    switch (t) {
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        {
          String s = p.getText().trim();
          if ("true".equalsIgnoreCase(s)) {
            return Boolean.TRUE;
          }
          if ("false".equalsIgnoreCase(s)) {
            return Boolean.FALSE;
          }
          if (s.isEmpty()) {
            return null;
          }
          throw new RejectedRecord(name + " is not a boolean: '" + abbreviate(s) + "'");
        }
      default:
        throw new RejectedRecord(name + " is not a boolean (it is " + describe(t) + ")");
    }
  }

  /** The value's JSON text: containers as the original bytes, scalars re-encoded. */
  private String json(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case START_OBJECT:
      case START_ARRAY:
        {
          int start = (int) p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          return slice(start, (int) p.currentLocation().getByteOffset());
        }
      case VALUE_NULL:
        return null;
      case VALUE_STRING:
        return quote(p.getText());
      default:
        return p.getText();
    }
  }

  private String slice(int from, int to) {
    return new String(buf, base + from, to - from, StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }

  private static boolean looksLikeJson(String s) {
    String t = s.stripLeading();
    return t.startsWith("{") || t.startsWith("[");
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "empty";
    }
    return switch (t) {
      case START_ARRAY -> "an array";
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
