package dev.trailhouse.flatten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.table.EventsTable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** The two example records of the source document, flattened field by field. */
class EventFlattenerTest {
  private final EventFlattener flattener = new EventFlattener();

  static String resource(String name) throws IOException {
    try (InputStream in = EventFlattenerTest.class.getResourceAsStream("/seeds/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Flattens a record placed in the middle of a bigger buffer, as the splitter hands it over. */
  Map<String, Object> flatten(String json) throws RejectedRecord {
    byte[] record = json.getBytes(StandardCharsets.UTF_8);
    byte[] buf = new byte[record.length + 20];
    System.arraycopy(record, 0, buf, 7, record.length);
    Object[] row = flattener.flatten(buf, 7, 7 + record.length, "s3a://b/f.json.gz");
    Map<String, Object> byName = new LinkedHashMap<>();
    for (int i = 0; i < row.length; i++) {
      byName.put(EventsTable.COLUMNS.get(i).name(), row[i]);
    }
    return byName;
  }

  @Test
  void connectGetContactAttributes() throws Exception {
    Map<String, Object> r = flatten(resource("connect-get-contact-attributes.json"));
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("event_id", "00fbeee1-123e-111e-93e3-11111bfbfcc1");
    expected.put("event_time", Instant.parse("2019-08-15T06:40:55Z"));
    expected.put("event_date", LocalDate.of(2019, 8, 15));
    expected.put("event_version", "1.05");
    expected.put("event_source", "connect.amazonaws.com");
    expected.put("event_name", "GetContactAttributes");
    expected.put("event_type", "AwsApiCall");
    expected.put("event_category", null);
    expected.put("aws_region", "us-west-2");
    expected.put("source_ip_address", "205.251.233.179");
    expected.put(
        "user_agent",
        "aws-sdk-java/1.11.590 Mac_OS_X/10.14.6 Java_HotSpot(TM)_64-Bit_Server_VM/25.202-b08 java/1.8.0_202 vendor/Oracle_Corporation");
    expected.put("error_code", null);
    expected.put("error_message", null);
    expected.put("read_only", true);
    expected.put("management_event", null);
    expected.put("recipient_account_id", "123456789012");
    expected.put("request_id", "be1bee1d-1111-11e1-1eD1-0dc1111f1ac1c");
    expected.put("shared_event_id", null);
    expected.put("api_version", null);
    expected.put("vpc_endpoint_id", null);
    expected.put("identity_type", "AssumedRole");
    expected.put("identity_principal_id", "AAAAAAA1111111EXAMPLE");
    expected.put("identity_arn", "arn:aws:sts::123456789012:assumed-role/John");
    expected.put("identity_account_id", "123456789012");
    expected.put("identity_access_key_id", "AAAAAAA1111111EXAMPLE");
    expected.put("identity_user_name", null);
    expected.put("identity_invoked_by", null);
    expected.put("identity_credential_id", null);
    expected.put("identity_source_identity", null);
    expected.put("identity_on_behalf_of_user_id", null);
    expected.put("identity_on_behalf_of_identity_store_arn", null);
    expected.put("session_mfa_authenticated", false);
    expected.put("session_creation_date", Instant.parse("2019-08-15T06:40:14Z"));
    expected.put("session_issuer_type", "Role");
    expected.put("session_issuer_principal_id", "AAAAAAA1111111EXAMPLE");
    expected.put("session_issuer_arn", "arn:aws:iam::123456789012:role/John");
    expected.put("session_issuer_account_id", "123456789012");
    expected.put("session_issuer_user_name", "John");
    expected.put("session_web_id_federated_provider", null);
    expected.put("actor", "arn:aws:sts::123456789012:assumed-role/John");
    expected.put(
        "request_parameters",
        Map.of(
            "InitialContactId", "00fbeee1-123e-111e-93e3-11111bfbfcc1",
            "InstanceId", "00fbeee1-123e-111e-93e3-11111bfbfcc1"));
    expected.put(
        "request_parameters_json",
        "{ \"InitialContactId\": \"00fbeee1-123e-111e-93e3-11111bfbfcc1\", \"InstanceId\": \"00fbeee1-123e-111e-93e3-11111bfbfcc1\" }");
    expected.put("response_elements", null);
    expected.put("response_elements_json", null);
    expected.put("additional_event_data_json", null);
    expected.put("resources", null);
    expected.put("tls_version", null);
    expected.put("tls_cipher_suite", null);
    expected.put("tls_client_provided_host_header", null);
    expected.put("addendum_reason", null);
    expected.put("addendum_original_event_id", null);
    expected.put("connect_instance_id", "00fbeee1-123e-111e-93e3-11111bfbfcc1");
    expected.put(
        "user_identity_json",
        "{ \"type\": \"AssumedRole\", \"principalId\": \"AAAAAAA1111111EXAMPLE\", \"arn\": \"arn:aws:sts::123456789012:assumed-role/John\", "
            + "\"accountId\": \"123456789012\", \"accessKeyId\": \"AAAAAAA1111111EXAMPLE\", \"sessionContext\": { \"attributes\": "
            + "{ \"mfaAuthenticated\": \"false\", \"creationDate\": \"2019-08-15T06:40:14Z\" }, \"sessionIssuer\": { \"type\": \"Role\", "
            + "\"principalId\": \"AAAAAAA1111111EXAMPLE\", \"arn\": \"arn:aws:iam::123456789012:role/John\", \"accountId\": \"123456789012\", "
            + "\"userName\": \"John\" } } }");
    expected.put("other_fields_json", null);
    expected.put("source_file", "s3a://b/f.json.gz");
    assertEquals(expected, r);
  }

  @Test
  void voiceIdCreateDomainKeepsRedactionMarkers() throws Exception {
    Map<String, Object> r = flatten(resource("voiceid-create-domain.json"));
    assertEquals("1111111-a4d1-445e-ab62-8626af3c458d", r.get("event_id"));
    assertEquals(Instant.parse("2021-08-17T01:55:41Z"), r.get("event_time"));
    assertEquals(LocalDate.of(2021, 8, 17), r.get("event_date"));
    assertEquals("1.08", r.get("event_version"));
    assertEquals("voiceid.amazonaws.com", r.get("event_source"));
    assertEquals("CreateDomain", r.get("event_name"));
    assertEquals("Management", r.get("event_category"));
    assertEquals(false, r.get("read_only"));
    assertEquals(true, r.get("management_event"));
    assertEquals("111122223333", r.get("recipient_account_id"));
    assertEquals("11111111-b358-4637-906e-67437274fe4e", r.get("request_id"));
    assertEquals("AssumedRole", r.get("identity_type"));
    assertEquals("AROA5STZEFPSWCM4YHJB2:SampleUser", r.get("identity_principal_id"));
    assertEquals(
        "arn:aws:sts::111122223333:assumed-role/SampleRole/SampleUser", r.get("identity_arn"));
    assertEquals("arn:aws:sts::111122223333:assumed-role/SampleRole/SampleUser", r.get("actor"));
    assertEquals("111122223333", r.get("identity_account_id"));
    assertEquals("AAAAAAA1111111EXAMPLE", r.get("identity_access_key_id"));
    assertEquals(false, r.get("session_mfa_authenticated"));
    assertEquals(Instant.parse("2021-08-17T01:55:39Z"), r.get("session_creation_date"));
    assertEquals("Role", r.get("session_issuer_type"));
    assertEquals("EXAMPLEZEFPSWCM4YHJB2", r.get("session_issuer_principal_id"));
    assertEquals("arn:aws:iam::111122223333:role/SampleRole", r.get("session_issuer_arn"));
    assertEquals("111122223333", r.get("session_issuer_account_id"));
    assertEquals("SampleRole", r.get("session_issuer_user_name"));
    assertNull(r.get("session_web_id_federated_provider"));
    assertEquals(
        Map.of(
            "description", "HIDDEN_DUE_TO_SECURITY_REASONS",
            "name", "HIDDEN_DUE_TO_SECURITY_REASONS",
            "serverSideEncryptionConfiguration.kmsKeyId", "alias/sample-customer-managed-key"),
        r.get("request_parameters"));
    Map<String, String> response = new LinkedHashMap<>();
    response.put(
        "domain.arn", "arn:aws:voiceid:us-west-2:111122223333:domain/ExampleOsAjzg9xoByUatN");
    response.put("domain.createdAt", "Aug 17, 2021, 1:55:40 AM");
    response.put("domain.description", "HIDDEN_DUE_TO_SECURITY_REASONS");
    response.put("domain.domainId", "UcUuCPFOsAjzg9xoByUatN");
    response.put("domain.domainStatus", "ACTIVE");
    response.put("domain.name", "HIDDEN_DUE_TO_SECURITY_REASONS");
    response.put(
        "domain.serverSideEncryptionConfiguration.kmsKeyId",
        "arn:aws:kms:us-west-2:111122223333:key/1111111-7741-44b1-a5fe-7c6208589bf3");
    response.put("domain.updatedAt", "Aug 17, 2021, 1:55:40 AM");
    assertEquals(response, r.get("response_elements"));
    assertTrue(((String) r.get("response_elements_json")).startsWith("{ \"domain\": { \"arn\""));
    assertTrue(((String) r.get("user_identity_json")).contains("\"webIdFederationData\": {}"));
    assertNull(r.get("connect_instance_id"));
    assertNull(r.get("other_fields_json"));
  }

  @Test
  void toleratesWhatRealTrailsContain() throws Exception {
    Map<String, Object> r =
        flatten(
            "{\"eventID\":\"e1\",\"eventTime\":\"2025-03-26 16:43:57.000000000\",\"readOnly\":\"true\","
                + "\"eventName\":\"UpdateQueueName\",\"requestParameters\":\"{\\\"InstanceId\\\":\\\"i-1\\\",\\\"N\\\":[1,{}]}\","
                + "\"responseElements\":[],\"serviceEventDetails\":{\"x\":1},\"userIdentity\":{\"type\":\"AWSService\",\"invokedBy\":\"connect.amazonaws.com\","
                + "\"sessionContext\":{\"sessionIssuer\":{},\"attributes\":{\"creationDate\":\"20131102T010628Z\"}}},"
                + "\"resources\":[{\"ARN\":\"arn:aws:connect:us-east-1:111122223333:instance/abc-1/queue/q1\",\"accountId\":\"111122223333\",\"type\":\"AWS::Connect::Queue\"}]}");
    assertEquals(Instant.parse("2025-03-26T16:43:57Z"), r.get("event_time"));
    assertEquals(true, r.get("read_only"));
    assertEquals(
        Map.of("InstanceId", "i-1", "N[0]", "1", "N[1]", "{}"), r.get("request_parameters"));
    assertEquals("{\"InstanceId\":\"i-1\",\"N\":[1,{}]}", r.get("request_parameters_json"));
    assertEquals(Map.of("", "[]"), r.get("response_elements"));
    assertEquals("i-1", r.get("connect_instance_id"));
    assertEquals("connect.amazonaws.com", r.get("actor"));
    assertEquals(Instant.parse("2013-11-02T01:06:28Z"), r.get("session_creation_date"));
    assertEquals("{\"serviceEventDetails\":{\"x\":1}}", r.get("other_fields_json"));
    Row res = ((List<Row>) r.get("resources")).get(0);
    assertEquals("AWS::Connect::Queue", res.getString(2));
  }

  @Test
  void readOnlyFromTheApiNameWhereMissing() throws Exception {
    assertEquals(
        false, flatten(rec("\"eventName\":\"UpdateUserRoutingProfile\"")).get("read_only"));
    assertEquals(true, flatten(rec("\"eventName\":\"ListQueues\"")).get("read_only"));
    assertNull(flatten(rec("\"eventName\":\"AssumeRole\"")).get("read_only"));
  }

  @Test
  void nullElementsOfResourcesAreKept() throws Exception {
    Map<String, Object> r = flatten(rec("\"resources\":[null,{\"ARN\":\"a\"},null]"));
    List<Row> res = (List<Row>) r.get("resources");
    assertEquals(3, res.size());
    assertNull(res.get(0));
    assertEquals(RowFactory.create("a", null, null), res.get(1));
    assertNull(res.get(2));
    assertNull(r.get("other_fields_json"));
    assertEquals(
        java.util.Arrays.asList((Row) null), flatten(rec("\"resources\":[null]")).get("resources"));
  }

  @Test
  void rejectsWithReasons() {
    assertEquals("the record has no eventID", reason("{\"eventTime\":\"2025-01-01T00:00:00Z\"}"));
    assertEquals(
        "eventTime is not a timestamp: 'not-a-time'",
        reason("{\"eventID\":\"a\",\"eventTime\":\"not-a-time\"}"));
    assertEquals("the record is not a JSON object (it is an array)", reason("[1,2]"));
    assertEquals("duplicate key 'eventID' in the record", reason(rec("\"eventID\":\"b\"")));
    assertEquals(
        "eventID is not a string (it is a number)",
        reason("{\"eventID\":5,\"eventTime\":\"2025-01-01T00:00:00Z\"}"));
    assertTrue(
        reason(
                "{\"eventID\":\"a\",\"eventTime\":\"2025-01-01T00:00:00Z\",\"x\":"
                    + "[".repeat(5000)
                    + "]".repeat(5000)
                    + "}")
            .startsWith("the record exceeds a parser limit (nesting depth 1000"));
  }

  private String reason(String json) {
    return assertThrows(RejectedRecord.class, () -> flatten(json)).getMessage();
  }

  private static String rec(String extra) {
    return "{\"eventID\":\"a\",\"eventTime\":\"2025-01-01T00:00:00Z\"," + extra + "}";
  }
}
