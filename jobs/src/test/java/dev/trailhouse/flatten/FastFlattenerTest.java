package dev.trailhouse.flatten;

import static dev.trailhouse.flatten.FastFlattenerTest.Path.DECLINED;
import static dev.trailhouse.flatten.FastFlattenerTest.Path.FAST;
import static dev.trailhouse.flatten.FastFlattenerTest.Path.REJECTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.CorpusRecords;
import dev.trailhouse.Repo;
import dev.trailhouse.row.EventRow;
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
    assertTrue(
        expected != null, () -> "fast path accepted a record the reference rejects: " + text);
    assertEquals(describe(expected), describe(row.toObjects()), () -> "record: " + text);
    return true;
  }

  static String describe(Object[] r) {
    return String.join("\n", cells(r)) + "\n";
  }

  /**
   * Each column of a row as {@code name=Type:value} (maps as entry lists, resources as {@code
   * <arn|account|type>}).
   */
  static List<String> cells(Object[] r) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < r.length; i++) {
      Object v = r[i];
      StringBuilder b = new StringBuilder();
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
      cells.add(b.toString());
    }
    return cells;
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
    for (CorpusRecords.Record r :
        CorpusRecords.of(Repo.root().resolve("test-data").resolve("hostile"))) {
      check(r.buf(), r.start(), r.end());
    }
  }

  static final String BASE =
      "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\","
          + "\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},"
          + "\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}},"
          + "\"eventTime\":\"2025-03-24T10:01:02Z\",\"eventSource\":\"connect.amazonaws.com\",\"eventName\":\"UpdateQueueName\","
          + "\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"10.0.0.1\",\"userAgent\":\"ua\","
          + "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"},\"responseElements\":null,"
          + "\"requestID\":\"r-1\",\"eventID\":\"e-1\",\"readOnly\":false,\"resources\":[{\"ARN\":\"arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1\",\"type\":\"Q\"}],"
          + "\"eventType\":\"AwsApiCall\",\"managementEvent\":true,\"recipientAccountId\":\"111122223333\",\"eventCategory\":\"Management\","
          + "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"c\",\"clientProvidedHostHeader\":\"h\"}}";

  /** Which way a record goes: the fast path, declined to the reference, or rejected by both. */
  enum Path {
    FAST,
    DECLINED,
    REJECTED
  }

  /**
   * A variant of {@link #BASE}: {@code from} replaced by {@code to}, its path, and its row's
   * changed cells.
   */
  record Edge(String from, String to, Path path, List<String> changed) {}

  private static Edge edge(String from, String to, Path path, String... changed) {
    return new Edge(from, to, path, List.of(changed));
  }

  /** Compares one record (as {@link #check(byte[], int, int)}) and says which way it went. */
  private Path path(String json) {
    if (check(json)) {
      return Path.FAST;
    }
    try {
      reference.flatten(
          json.getBytes(StandardCharsets.UTF_8),
          0,
          json.getBytes(StandardCharsets.UTF_8).length,
          "f");
      return Path.DECLINED;
    } catch (RejectedRecord e) {
      return Path.REJECTED;
    }
  }

  private List<String> referenceRow(String json) throws RejectedRecord {
    byte[] rec = json.getBytes(StandardCharsets.UTF_8);
    return cells(reference.flatten(rec, 0, rec.length, new String(FILE, StandardCharsets.UTF_8)));
  }

  /** {@link #BASE}'s row, cell by cell. */
  private static final List<String> BASE_ROW =
      List.of(
          "event_id=String:e-1",
          "event_time=Instant:2025-03-24T10:01:02Z",
          "event_date=LocalDate:2025-03-24",
          "event_version=String:1.09",
          "event_source=String:connect.amazonaws.com",
          "event_name=String:UpdateQueueName",
          "event_type=String:AwsApiCall",
          "event_category=String:Management",
          "aws_region=String:us-east-1",
          "source_ip_address=String:10.0.0.1",
          "user_agent=String:ua",
          "error_code=null",
          "error_message=null",
          "read_only=Boolean:false",
          "management_event=Boolean:true",
          "recipient_account_id=String:111122223333",
          "request_id=String:r-1",
          "shared_event_id=null",
          "api_version=null",
          "vpc_endpoint_id=null",
          "identity_type=String:AssumedRole",
          "identity_principal_id=String:AROA:u",
          "identity_arn=String:arn:aws:sts::1:assumed-role/r/u",
          "identity_account_id=String:111122223333",
          "identity_access_key_id=null",
          "identity_user_name=null",
          "identity_invoked_by=null",
          "identity_credential_id=null",
          "identity_source_identity=null",
          "identity_on_behalf_of_user_id=null",
          "identity_on_behalf_of_identity_store_arn=null",
          "session_mfa_authenticated=Boolean:false",
          "session_creation_date=Instant:2025-03-24T10:00:00Z",
          "session_issuer_type=String:Role",
          "session_issuer_principal_id=null",
          "session_issuer_arn=String:arn:aws:iam::1:role/r",
          "session_issuer_account_id=null",
          "session_issuer_user_name=String:r",
          "session_web_id_federated_provider=null",
          "actor=String:arn:aws:sts::1:assumed-role/r/u",
          "request_parameters=[InstanceId=inst-1, QueueId=q-1, Name=n]",
          "request_parameters_json=String:{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
          "response_elements=null",
          "response_elements_json=null",
          "additional_event_data_json=null",
          "resources=<arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1|null|Q>",
          "tls_version=String:TLSv1.3",
          "tls_cipher_suite=String:c",
          "tls_client_provided_host_header=String:h",
          "addendum_reason=null",
          "addendum_original_event_id=null",
          "connect_instance_id=String:inst-1",
          "user_identity_json=String:{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}}",
          "other_fields_json=null",
          "source_file=String:s3a://bucket/f.json.gz");

  private static final List<Edge> EDGES =
      List.of(
          edge(
              "\"userAgent\":\"ua\"",
              "\"userAgent\":\"a \\\"quoted\\\" \\u00e9\\ud83d\\ude00 \\n tab\\t\"",
              FAST,
              "user_agent=String:a \"quoted\" \u00e9\ud83d\ude00 \n tab\t"),
          edge(
              "\"userAgent\":\"ua\"", "\"userAgent\":12.50e-3", FAST, "user_agent=String:12.50e-3"),
          edge(
              "\"userAgent\":\"ua\"",
              "\"userAgent\":{\"a\":[1,2,{}]}",
              FAST,
              "user_agent=String:{\"a\":[1,2,{}]}"),
          edge("\"userAgent\":\"ua\"", "\"userAgent\":null", FAST, "user_agent=null"),
          edge("\"readOnly\":false", "\"readOnly\":\" TRUE \"", FAST, "read_only=Boolean:true"),
          edge("\"readOnly\":false", "\"readOnly\":\"\"", FAST),
          edge("\"readOnly\":false", "\"readOnly\":null", FAST),
          edge("\"readOnly\":false", "\"readOnly\":\"yes\"", REJECTED),
          edge("\"readOnly\":false", "\"readOnly\":1", REJECTED),
          edge("\"eventID\":\"e-1\"", "\"eventID\":\"  e-2\\t\"", FAST, "event_id=String:e-2"),
          edge("\"eventID\":\"e-1\"", "\"eventID\":\"e 1\"", REJECTED),
          edge("\"eventID\":\"e-1\"", "\"eventID\":17", REJECTED),
          edge(
              "\"eventTime\":\"2025-03-24T10:01:02Z\"",
              "\"eventTime\":\"2025-03-24 10:01:02.123456789\"",
              FAST,
              "event_time=Instant:2025-03-24T10:01:02.123456Z"),
          edge(
              "\"eventTime\":\"2025-03-24T10:01:02Z\"",
              "\"eventTime\":\"2025-02-30T10:01:02Z\"",
              REJECTED),
          edge(
              "\"eventTime\":\"2025-03-24T10:01:02Z\"",
              "\"eventTime\":\"0000-03-24T10:01:02Z\"",
              REJECTED),
          edge(
              "\"eventTime\":\"2025-03-24T10:01:02Z\"",
              "\"eventTime\":\"2025-03-24T10:01:02+05:30\"",
              FAST,
              "event_time=Instant:2025-03-24T04:31:02Z"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":{}",
              FAST,
              "request_parameters=[={}]",
              "request_parameters_json=String:{}"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":[]",
              FAST,
              "request_parameters=[=[]]",
              "request_parameters_json=String:[]"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":\"plain\"",
              FAST,
              "request_parameters=[=plain]",
              "request_parameters_json=String:\"plain\""),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":\" {\\\"a\\\":1}\"",
              FAST,
              "request_parameters=[a=1]",
              "request_parameters_json=String: {\"a\":1}"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":42",
              FAST,
              "request_parameters=[=42]",
              "request_parameters_json=String:42"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":{\"a\":{\"b\":[1,{\"c\":null},[]],\"d\":{}},\"InstanceId\":\"arn:aws:connect:us-east-1:111122223333:instance/abc-1\"}",
              FAST,
              "request_parameters=[a.b[0]=1, a.b[1].c=null, a.b[2]=[], a.d={}, InstanceId=arn:aws:connect:us-east-1:111122223333:instance/abc-1]",
              "request_parameters_json=String:{\"a\":{\"b\":[1,{\"c\":null},[]],\"d\":{}},\"InstanceId\":\"arn:aws:connect:us-east-1:111122223333:instance/abc-1\"}",
              "connect_instance_id=String:abc-1"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":{\"a\":1,\"a\":2}",
              DECLINED,
              "request_parameters=[a=2]",
              "request_parameters_json=String:{\"a\":1,\"a\":2}"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":{\"a.b\":1,\"a\":{\"b\":2}}",
              DECLINED,
              "request_parameters=[a.b=2]",
              "request_parameters_json=String:{\"a.b\":1,\"a\":{\"b\":2}}"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":{\"\":{\"x\":1},\"x\":2}",
              DECLINED,
              "request_parameters=[x=2]",
              "request_parameters_json=String:{\"\":{\"x\":1},\"x\":2}"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":{\"InstanceId\":\"  \",\"instanceId\":\"i2\"}",
              FAST,
              "request_parameters=[InstanceId=  , instanceId=i2]",
              "request_parameters_json=String:{\"InstanceId\":\"  \",\"instanceId\":\"i2\"}",
              "connect_instance_id=String:i2"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":\"{\\\"bucketName\\\":\\\"b\\\",\\\"key\\\":[1,{\\\"x\\\":null}]} trailing\"",
              FAST,
              "request_parameters=[bucketName=b, key[0]=1, key[1].x=null]",
              "request_parameters_json=String:{\"bucketName\":\"b\",\"key\":[1,{\"x\":null}]} trailing"),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":\"{\\\"a\\\":\"",
              DECLINED,
              "request_parameters=[={\"a\":]",
              "request_parameters_json=String:\"{\\\"a\\\":\""),
          edge(
              "\"requestParameters\":{\"InstanceId\":\"inst-1\",\"QueueId\":\"q-1\",\"Name\":\"n\"}",
              "\"requestParameters\":\" [1,2]\"",
              FAST,
              "request_parameters=[[0]=1, [1]=2]",
              "request_parameters_json=String: [1,2]"),
          edge(
              "\"responseElements\":null",
              "\"responseElements\":{\"Arn\":\"arn:aws:connect:us-east-1:111122223333:instance/zz/queue/1\"}",
              FAST,
              "response_elements=[Arn=arn:aws:connect:us-east-1:111122223333:instance/zz/queue/1]",
              "response_elements_json=String:{\"Arn\":\"arn:aws:connect:us-east-1:111122223333:instance/zz/queue/1\"}"),
          edge(
              "\"responseElements\":null",
              "\"responseElements\":\"HIDDEN_DUE_TO_SECURITY_REASONS\"",
              FAST,
              "response_elements=[=HIDDEN_DUE_TO_SECURITY_REASONS]",
              "response_elements_json=String:\"HIDDEN_DUE_TO_SECURITY_REASONS\""),
          edge(
              "\"resources\":[{",
              "\"resources\":[7,{\"x\":1},{\"arn\":null,\"ARN\":\"a\",\"accountId\":{\"q\":1}},{",
              FAST,
              "resources=<null|null|null><a|{\"q\":1}|null><arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1|null|Q>",
              "other_fields_json=String:{\"resources\":[7,{\"x\":1},{\"arn\":null,\"ARN\":\"a\",\"accountId\":{\"q\":1}},{\"ARN\":\"arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1\",\"type\":\"Q\"}]}"),
          edge(
              "\"resources\":[{",
              "\"resources\":[],\"r2\":[{",
              FAST,
              "resources=",
              "other_fields_json=String:{\"r2\":[{\"ARN\":\"arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1\",\"type\":\"Q\"}]}"),
          // A null element is kept as a null element (not dropped, not an empty struct); an element
          // that is not an object cannot be a struct and is kept in other_fields_json only.
          edge(
              "\"resources\":[{",
              "\"resources\":[null,{",
              FAST,
              "resources=<null element><arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1|null|Q>"),
          edge("\"resources\":[{", "\"resources\":[ null , nul,{", REJECTED),
          edge(
              "\"resources\":[{",
              "\"resources\":[{\"ARN\":\"x\"},null,7,{",
              FAST,
              "resources=<x|null|null><null element><arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1|null|Q>",
              "other_fields_json=String:{\"resources\":[{\"ARN\":\"x\"},null,7,{\"ARN\":\"arn:aws:connect:us-east-1:111122223333:instance/inst-1/queue/q-1\",\"type\":\"Q\"}]}"),
          edge(
              "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\"",
              "\"tlsDetails\":{\"extra\":1,\"tlsVersion\":null,\"tlsVersion\":\"TLSv1.3\"",
              FAST,
              "other_fields_json=String:{\"tlsDetails\":{\"extra\":1,\"tlsVersion\":null,\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"c\",\"clientProvidedHostHeader\":\"h\"}}"),
          edge(
              "\"tlsDetails\":{\"tlsVersion\":\"TLSv1.3\",\"cipherSuite\":\"c\",\"clientProvidedHostHeader\":\"h\"}",
              "\"tlsDetails\":\"x\"",
              FAST,
              "tls_version=null",
              "tls_cipher_suite=null",
              "tls_client_provided_host_header=null",
              "other_fields_json=String:{\"tlsDetails\":\"x\"}"),
          edge(
              "\"eventType\":\"AwsApiCall\"",
              "\"eventType\":\"AwsApiCall\",\"addendum\":{\"reason\":\"DELIVERY_DELAY\",\"originalEventID\":\"o\",\"updatedFields\":\"a,b\"}",
              FAST,
              "addendum_reason=String:DELIVERY_DELAY",
              "addendum_original_event_id=String:o",
              "other_fields_json=String:{\"addendum\":{\"reason\":\"DELIVERY_DELAY\",\"originalEventID\":\"o\",\"updatedFields\":\"a,b\"}}"),
          edge(
              "\"eventType\":\"AwsApiCall\"",
              "\"eventType\":\"AwsApiCall\",\"serviceEventDetails\":{\"k\":[1]},\"sessionCredentialFromConsole\":\"true\",\"zz\":null",
              FAST,
              "other_fields_json=String:{\"serviceEventDetails\":{\"k\":[1]},\"sessionCredentialFromConsole\":\"true\",\"zz\":null}"),
          edge(
              "\"eventType\":\"AwsApiCall\"",
              "\"eventType\":\"AwsApiCall\",\"eventType\":\"x\"",
              REJECTED),
          edge(
              "\"eventType\":\"AwsApiCall\"",
              "\"eventType\":\"AwsApiCall\",\"a\\u0062\":1",
              DECLINED,
              "other_fields_json=String:{\"ab\":1}"),
          edge(
              "\"eventType\":\"AwsApiCall\"",
              "\"eventType\":\"AwsApiCall\",\"other\":\"esc\\\"aped\"",
              DECLINED,
              "other_fields_json=String:{\"other\":\"esc\\\"aped\"}"),
          edge(
              "\"eventType\":\"AwsApiCall\"",
              "\"eventType\":\"AwsApiCall\",\"additionalEventData\":{\"MFAUsed\":\"No\"}",
              FAST,
              "additional_event_data_json=String:{\"MFAUsed\":\"No\"}"),
          edge(
              "\"eventType\":\"AwsApiCall\"",
              "\"eventType\":\"AwsApiCall\",\"additionalEventData\":\"s\"",
              FAST,
              "additional_event_data_json=String:\"s\""),
          edge(
              "\"type\":\"AssumedRole\"",
              "\"type\":\"IdentityCenterUser\",\"onBehalfOf\":{\"userId\":\"u-1\",\"identityStoreArn\":\"arn:s\"},\"sourceIdentity\":null",
              FAST,
              "identity_type=String:IdentityCenterUser",
              "identity_on_behalf_of_user_id=String:u-1",
              "identity_on_behalf_of_identity_store_arn=String:arn:s",
              "user_identity_json=String:{\"type\":\"IdentityCenterUser\",\"onBehalfOf\":{\"userId\":\"u-1\",\"identityStoreArn\":\"arn:s\"},\"sourceIdentity\":null,\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}}"),
          edge("\"type\":\"AssumedRole\"", "\"type\":\"AssumedRole\",\"type\":\"x\"", REJECTED),
          edge(
              "\"type\":\"AssumedRole\"",
              "\"type\":{}",
              FAST,
              "identity_type=String:{}",
              "user_identity_json=String:{\"type\":{},\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}}"),
          edge(
              "\"type\":\"AssumedRole\"",
              "\"type\":[1]",
              FAST,
              "identity_type=null",
              "user_identity_json=String:{\"type\":[1],\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}}"),
          edge(
              "\"mfaAuthenticated\":\"false\"",
              "\"mfaAuthenticated\":\" True\"",
              FAST,
              "session_mfa_authenticated=Boolean:true",
              "user_identity_json=String:{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\" True\"}}}"),
          edge(
              "\"creationDate\":\"2025-03-24T10:00:00Z\"",
              "\"creationDate\":\"20131102T010628Z\"",
              FAST,
              "session_creation_date=Instant:2013-11-02T01:06:28Z",
              "user_identity_json=String:{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"20131102T010628Z\",\"mfaAuthenticated\":\"false\"}}}"),
          edge(
              "\"creationDate\":\"2025-03-24T10:00:00Z\"",
              "\"creationDate\":\"garbage\"",
              FAST,
              "session_creation_date=null",
              "user_identity_json=String:{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"garbage\",\"mfaAuthenticated\":\"false\"}}}"),
          edge(
              "\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",",
              "\"arn\":\" \",\"invokedBy\":\"connect.amazonaws.com\",",
              FAST,
              "identity_arn=String: ",
              "identity_invoked_by=String:connect.amazonaws.com",
              "actor=String:connect.amazonaws.com",
              "user_identity_json=String:{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\" \",\"invokedBy\":\"connect.amazonaws.com\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}}"),
          edge(
              "\"userIdentity\":{",
              "\"userIdentity\":\"s\",\"uI\":{",
              FAST,
              "identity_type=null",
              "identity_principal_id=null",
              "identity_arn=null",
              "identity_account_id=null",
              "session_mfa_authenticated=null",
              "session_creation_date=null",
              "session_issuer_type=null",
              "session_issuer_arn=null",
              "session_issuer_user_name=null",
              "actor=null",
              "user_identity_json=String:\"s\"",
              "other_fields_json=String:{\"uI\":{\"type\":\"AssumedRole\",\"principalId\":\"AROA:u\",\"arn\":\"arn:aws:sts::1:assumed-role/r/u\",\"accountId\":\"111122223333\",\"sessionContext\":{\"sessionIssuer\":{\"type\":\"Role\",\"arn\":\"arn:aws:iam::1:role/r\",\"userName\":\"r\"},\"attributes\":{\"creationDate\":\"2025-03-24T10:00:00Z\",\"mfaAuthenticated\":\"false\"}}}}"),
          edge(
              "\"eventName\":\"UpdateQueueName\"",
              "\"eventName\":\"ListQueues\"",
              FAST,
              "event_name=String:ListQueues"),
          edge(
              "\"eventName\":\"UpdateQueueName\"",
              "\"eventName\":\"Frobnicate\"",
              FAST,
              "event_name=String:Frobnicate"),
          edge(
              "\"awsRegion\":\"us-east-1\"",
              "\"awsRegion\":\"us-east-1\" , \n\t\"x\" : [ ] ",
              FAST,
              "other_fields_json=String:{\"x\":[ ]}"),
          edge("\"awsRegion\":\"us-east-1\"", "\"awsRegion\":01", REJECTED),
          edge(
              "\"awsRegion\":\"us-east-1\"",
              "\"awsRegion\":-0.0E+1",
              FAST,
              "aws_region=String:-0.0E+1"),
          edge("\"awsRegion\":\"us-east-1\"", "\"awsRegion\":tru", REJECTED),
          edge("\"awsRegion\":\"us-east-1\"", "\"awsRegion\":\"bad\\q\"", REJECTED),
          edge(
              "\"awsRegion\":\"us-east-1\"",
              "\"awsRegion\":\"lone \\ud800\"",
              DECLINED,
              "aws_region=String:lone \ud800"));

  @Test
  void baseRecordTakesTheFastPathWithItsRow() throws RejectedRecord {
    assertEquals(Path.FAST, path(BASE));
    assertEquals(BASE_ROW, referenceRow(BASE));
  }

  @Test
  void handPickedEdgesTakeTheirPathWithTheirRow() throws RejectedRecord {
    for (Edge e : EDGES) {
      assertTrue(BASE.contains(e.from()), e.from());
      String json = BASE.replace(e.from(), e.to());
      assertEquals(e.path(), path(json), json);
      if (e.path() == Path.REJECTED) {
        continue;
      }
      List<String> expected = new ArrayList<>(BASE_ROW);
      for (String cell : e.changed()) {
        String column = cell.substring(0, cell.indexOf('='));
        expected.set(EventsTable.index(column), cell);
      }
      // On the fast path, check() has already compared its row with this one.
      assertEquals(expected, referenceRow(json), json);
    }
    assertNotEquals(Path.FAST, path(BASE + " x"));
    assertNotEquals(Path.FAST, path(BASE.substring(0, BASE.length() - 1)));
  }

  /**
   * Every prefix of a record, alone in an array of its own length: the fast path declines it
   * without reading past the array (an indexing bug throws here; nothing catches it as a decline).
   */
  @Test
  void cutRecordsAreDeclinedWithinBounds() {
    List<String> records = new ArrayList<>();
    records.add(BASE);
    for (Edge e : EDGES) {
      records.add(BASE.replace(e.from(), e.to()));
    }
    int cuts = 0;
    for (String r : records) {
      byte[] rec = r.getBytes(StandardCharsets.UTF_8);
      for (int n = 0; n < rec.length; n++) {
        byte[] cut = java.util.Arrays.copyOf(rec, n);
        assertEquals(
            -1, fast.flatten(cut, 0, n, FILE, row), () -> new String(cut, StandardCharsets.UTF_8));
        cuts++;
      }
    }
    assertTrue(cuts > 50_000, cuts + " cuts");
  }

  @Test
  void randomMutationsAgree() {
    List<CorpusRecords.Record> sample = CorpusRecords.of(Repo.sampleTrail());
    Random rnd = new Random(42);
    String alphabet = "{}[]\":,\\ \t\nuabtnrf0123456789-+.eE\u00e9\u2028";
    int accepted = 0;
    for (int i = 0; i < 20_000; i++) {
      CorpusRecords.Record r = sample.get(rnd.nextInt(sample.size()));
      StringBuilder s =
          new StringBuilder(
              new String(r.buf(), r.start(), r.end() - r.start(), StandardCharsets.UTF_8));
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
