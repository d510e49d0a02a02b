package dev.trailhouse.flatten;

import dev.trailhouse.row.EventRow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.CorpusRecords;
import dev.trailhouse.Repo;
import dev.trailhouse.table.EventsTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The fast path against the reference flattener: wherever {@link FastFlattener} accepts a record,
 * its row is exactly {@link EventFlattener}'s (map entry order included); where the reference
 * rejects, the fast path declines. Run over every committed record and over many mutations of them.
 */
class FastFlattenerTest {
  private static final byte[] FILE = "s3a://bucket/f.json.gz".getBytes(StandardCharsets.UTF_8);
  private final EventFlattener reference = new EventFlattener();
  private final FastFlattener fast = new FastFlattener();
  private final EventRow row = new EventRow();

  /** Compares one record; returns whether the fast path accepted it. */
  private boolean check(byte[] buf, int start, int end) {
    Object[] expected;
    try {
      expected = reference.flatten(buf, start, end, new String(FILE, StandardCharsets.UTF_8));
    } catch (RejectedRecord e) {
      expected = null;
    }
    // Given the record's exact bounds, the fast path either declines or consumes all of it.
    if (fast.flatten(buf, start, end, FILE, row) != end) {
      return false;
    }
    String text = new String(buf, start, end - start, StandardCharsets.UTF_8);
    assertTrue(expected != null, () -> "fast path accepted a record the reference rejects: " + text);
    assertEquals(describe(expected), describe(row.toObjects()), () -> "record: " + text);
    return true;
  }

  static String describe(Object[] r) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < r.length; i++) {
      Object v = r[i];
      b.append(EventsTable.COLUMNS.get(i).name()).append('=');
      if (v instanceof Map<?, ?> m) {
        b.append(new ArrayList<>(m.entrySet()));
      } else if (v instanceof List<?> l) {
        for (Object o : l) {
          b.append(o == null ? "<null element>" : ((Row) o).mkString("<", "|", ">"));
        }
      } else if (v instanceof java.time.Instant t) {
        // The table holds microseconds.
        b.append("Instant:").append(t.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
      } else {
        b.append(v == null ? "null" : v.getClass().getSimpleName() + ":" + v);
      }
      b.append('\n');
    }
    return b.toString();
  }

  private boolean check(String json) {
    byte[] rec = json.getBytes(StandardCharsets.UTF_8);
    byte[] buf = new byte[rec.length + 10];
    System.arraycopy(rec, 0, buf, 5, rec.length);
    return check(buf, 5, 5 + rec.length);
  }

  @Test
  void sampleTrailMostlyTakesTheFastPathAndAgrees() {
    List<CorpusRecords.Record> sample = CorpusRecords.of(Repo.sampleTrail());
    int accepted = 0;
    for (CorpusRecords.Record r : sample) {
      accepted += check(r.buf(), r.start(), r.end()) ? 1 : 0;
    }
    assertTrue(sample.size() > 300);
    // The sample holds a few records made to be rejected or odd; everything else is fast.
    assertTrue(accepted > sample.size() * 0.95, accepted + " of " + sample.size());
  }

  @Test
  void hostileCorpusAgrees() {
    for (CorpusRecords.Record r : CorpusRecords.of(Repo.root().resolve("test-data").resolve("hostile"))) {
      check(r.buf(), r.start(), r.end());
    }
  }

  private static final String BASE =
      "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\","
          + "\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},"
          + "\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}},"
          + "\"eventTime\":\"2025-03-24T10:01:02Z\",\"eventSource\":\"connect.amazonaws.com\",\"eventName\":\"UpdateQueueName\","
          + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10.0.0.1\",\"userAgent\":\"ua\","
          + "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"},\"responseElements\":null,"
          + "\"requestID\":\"r-1\",\"eventID\":\"e-1\",\"readOnly\":false,\"resources\":[{\"ARN\":\"arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1\",\"type\":\"Q\"}],"
          + "\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\","
          + "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"c\",\"clientProvidedHostHeader\":\"h\"}}";

  @Test
  void handPickedEdges() {
    assertTrue(check(BASE));
    String[][] swaps = {
      {"\"userAgent\":\"ua\"", "\"userAgent\":\"a \\\"quoted\\\" \\u00e9\\ud83d\\ude00 \\n tab\\t\""},
      {"\"userAgent\":\"ua\"", "\"userAgent\":12.50e-3"},
      {"\"userAgent\":\"ua\"", "\"userAgent\":{\"a\":[1,2,{}]}"},
      {"\"userAgent\":\"ua\"", "\"userAgent\":null"},
      {"\"readOnly\":false", "\"readOnly\":\" TRUE \""},
      {"\"readOnly\":false", "\"readOnly\":\"\""},
      {"\"readOnly\":false", "\"readOnly\":null"},
      {"\"readOnly\":false", "\"readOnly\":\"yes\""},
      {"\"readOnly\":false", "\"readOnly\":1"},
      {"\"eventID\":\"e-1\"", "\"eventID\":\"  e-2\\t\""},
      {"\"eventID\":\"e-1\"", "\"eventID\":\"e 1\""},
      {"\"eventID\":\"e-1\"", "\"eventID\":17"},
      {"\"eventTime\":\"2025-03-24T10:01:02Z\"", "\"eventTime\":\"2025-03-24 10:01:02.123456789\""},
      {"\"eventTime\":\"2025-03-24T10:01:02Z\"", "\"eventTime\":\"2025-02-30T10:01:02Z\""},
      {"\"eventTime\":\"2025-03-24T10:01:02Z\"", "\"eventTime\":\"0000-03-24T10:01:02Z\""},
      {"\"eventTime\":\"2025-03-24T10:01:02Z\"", "\"eventTime\":\"2025-03-24T10:01:02+05:30\""},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":{}"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":[]"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":\"plain\""},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":\" {\\\"a\\\":1}\""},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":42"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
          "\"requestParameters\":{\"a\":{\"b\":[1,{\"c\":null},[]],\"d\":{}},\"InstanceId\":\"arn:aws:connect:us-east-1:111122223333:instance/abc-1\"}"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":{\"a\":1,\"a\":2}"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":{\"a.b\":1,\"a\":{\"b\":2}}"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":{\"\":{\"x\":1},\"x\":2}"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":{\"InstanceId\":\"  \",\"instanceId\":\"i2\"}"},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
          "\"requestParameters\":\"{\\\"bucketName\\\":\\\"b\\\",\\\"key\\\":[1,{\\\"x\\\":null}]} trailing\""},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":\"{\\\"a\\\":\""},
      {"\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}", "\"requestParameters\":\" [1,2]\""},
      {"\"responseElements\":null", "\"responseElements\":{\"Arn\":\"arn:aws:connect:us-east-1:111122223333:instance/zz/queue/1\"}"},
      {"\"responseElements\":null", "\"responseElements\":\"HIDDEN_DUE_TO_SECURITY_REASONS\""},
      {"\"resources\":[{", "\"resources\":[7,{\"x\":1},{\"arn\":null,\"ARN\":\"a\",\"accountId\":{\"q\":1}},{"},
      {"\"resources\":[{", "\"resources\":[],\"r2\":[{"},
      {"\"resources\":[{", "\"resources\":[null,{"},
      {"\"resources\":[{", "\"resources\":[ null , nul,{"},
      {"\"resources\":[{", "\"resources\":[{\"ARN\":\"x\"},null,7,{"},
      {"\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\"", "\"tlsDetails\":{\"extra\":1,\"tlsVersion\":null,\"tlsVersion\":\"TLSv1.3\""},
      {"\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"c\",\"clientProvidedHostHeader\":\"h\"}", "\"tlsDetails\":\"x\""},
      {"\"eventType\":\"AwsApiCall\"", "\"eventType\":\"AwsApiCall\",\"addendum\":{\"reason\":\"DELIVERY_DELAY\",\"originalEventID\":\"o\",\"updatedFields\":\"a,b\"}"},
      {"\"eventType\":\"AwsApiCall\"", "\"eventType\":\"AwsApiCall\",\"serviceEventDetails\":{\"k\":[1]},\"sessionCredentialFromConsole\":\"true\",\"zz\":null"},
      {"\"eventType\":\"AwsApiCall\"", "\"eventType\":\"AwsApiCall\",\"eventType\":\"x\""},
      {"\"eventType\":\"AwsApiCall\"", "\"eventType\":\"AwsApiCall\",\"a\\u0062\":1"},
      {"\"eventType\":\"AwsApiCall\"", "\"eventType\":\"AwsApiCall\",\"other\":\"esc\\\"aped\""},
      {"\"eventType\":\"AwsApiCall\"", "\"eventType\":\"AwsApiCall\",\"additionalEventData\":{\"MFAUsed\":\"No\"}"},
      {"\"eventType\":\"AwsApiCall\"", "\"eventType\":\"AwsApiCall\",\"additionalEventData\":\"s\""},
      {"\"type\":\"AssumedRole\"", "\"type\":\"IdentityCenterUser\",\"onBehalfOf\":{\"userId\":\"u-1\",\"identityStoreArn\":\"arn:s\"},\"sourceIdentity\":null"},
      {"\"type\":\"AssumedRole\"", "\"type\":\"AssumedRole\",\"type\":\"x\""},
      {"\"type\":\"AssumedRole\"", "\"type\":{}"},
      {"\"type\":\"AssumedRole\"", "\"type\":[1]"},
      {"\"mfaAuthenticated\":\"false\"", "\"mfaAuthenticated\":\" True\""},
      {"\"creationDate\":\"2025-03-24T10:00:00Z\"", "\"creationDate\":\"20131102T010628Z\""},
      {"\"creationDate\":\"2025-03-24T10:00:00Z\"", "\"creationDate\":\"garbage\""},
      {"\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",", "\"arn\":\" \",\"invokedBy\":\"connect.amazonaws.com\","},
      {"\"userIdentity\":{", "\"userIdentity\":\"s\",\"uI\":{"},
      {"\"eventName\":\"UpdateQueueName\"", "\"eventName\":\"ListQueues\""},
      {"\"eventName\":\"UpdateQueueName\"", "\"eventName\":\"Frobnicate\""},
      {"\"awsRegion\":\"us-east-1\"", "\"awsRegion\":\"us-east-1\" , \n\t\"x\" : [ ] "},
      {"\"awsRegion\":\"us-east-1\"", "\"awsRegion\":01"},
      {"\"awsRegion\":\"us-east-1\"", "\"awsRegion\":-0.0E+1"},
      {"\"awsRegion\":\"us-east-1\"", "\"awsRegion\":tru"},
      {"\"awsRegion\":\"us-east-1\"", "\"awsRegion\":\"bad\\q\""},
      {"\"awsRegion\":\"us-east-1\"", "\"awsRegion\":\"lone \\ud800\""},
    };
    int accepted = 0;
    for (String[] s : swaps) {
      assertTrue(BASE.contains(s[0]), s[0]);
      accepted += check(BASE.replace(s[0], s[1])) ? 1 : 0;
    }
    assertTrue(accepted > swaps.length / 2, "fast path took " + accepted + " of " + swaps.length);
    assertFalse(check(BASE + " x"));
    assertFalse(check(BASE.substring(0, BASE.length() - 1)));
  }

  @Test
  void randomMutationsAgree() {
    List<CorpusRecords.Record> sample = CorpusRecords.of(Repo.sampleTrail());
    Random rnd = new Random(42);
    String alphabet = "{}[]\":,\\ \t\nuabtnrf0123456789-+.eE\u00e9\u2028";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      CorpusRecords.Record r = sample.get(rnd.nextInt(sample.size()));
      StringBuilder s = new StringBuilder(new String(r.buf(), r.start(), r.end() - r.start(), StandardCharsets.UTF_8));
      for (int m = 1 + rnd.nextInt(3); m > 0 && s.length() > 2; m--) {
        int at = rnd.nextInt(s.length());
        switch (rnd.nextInt(3)) {
          case 0 -> s.deleteCharAt(at);
          case 1 -> s.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          default -> s.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
      }
      accepted += check(s.toString()) ? 1 : 0;
    }
    // Most mutations land inside string values: still valid, different values, on the fast path.
    assertTrue(accepted > 5_000, "fast path took " + accepted + " mutated records");
  }
}
