package dev.trailhouse.table;

import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code events} table: one row per CloudTrail {@code eventID}. Column names are a public
 * contract for analysts; the README's column table is written from {@link #COLUMNS}.
 */
public final class EventsTable {
  public static final String NAME = Tables.EVENTS;

  public static final String EVENT_ID = "event_id";
  public static final String EVENT_TIME = "event_time";
  public static final String EVENT_DATE = "event_date";
  public static final String EVENT_VERSION = "event_version";
  public static final String EVENT_SOURCE = "event_source";
  public static final String EVENT_NAME = "event_name";
  public static final String EVENT_TYPE = "event_type";
  public static final String EVENT_CATEGORY = "event_category";
  public static final String AWS_REGION = "aws_region";
  public static final String SOURCE_IP_ADDRESS = "source_ip_address";
  public static final String USER_AGENT = "user_agent";
  public static final String ERROR_CODE = "error_code";
  public static final String ERROR_MESSAGE = "error_message";
  public static final String READ_ONLY = "read_only";
  public static final String MANAGEMENT_EVENT = "management_event";
  public static final String RECIPIENT_ACCOUNT_ID = "recipient_account_id";
  public static final String REQUEST_ID = "request_id";
  public static final String SHARED_EVENT_ID = "shared_event_id";
  public static final String API_VERSION = "api_version";
  public static final String VPC_ENDPOINT_ID = "vpc_endpoint_id";
  public static final String IDENTITY_TYPE = "identity_type";
  public static final String IDENTITY_PRINCIPAL_ID = "identity_principal_id";
  public static final String IDENTITY_ARN = "identity_arn";
  public static final String IDENTITY_ACCOUNT_ID = "identity_account_id";
  public static final String IDENTITY_ACCESS_KEY_ID = "identity_access_key_id";
  public static final String IDENTITY_USER_NAME = "identity_user_name";
  public static final String IDENTITY_INVOKED_BY = "identity_invoked_by";
  public static final String IDENTITY_CREDENTIAL_ID = "identity_credential_id";
  public static final String IDENTITY_SOURCE_IDENTITY = "identity_source_identity";
  public static final String IDENTITY_ON_BEHALF_OF_USER_ID = "identity_on_behalf_of_user_id";
  public static final String IDENTITY_ON_BEHALF_OF_IDENTITY_STORE_ARN =
      "identity_on_behalf_of_identity_store_arn";
  public static final String SESSION_MFA_AUTHENTICATED = "session_mfa_authenticated";
  public static final String SESSION_CREATION_DATE = "session_creation_date";
  public static final String SESSION_ISSUER_TYPE = "session_issuer_type";
  public static final String SESSION_ISSUER_PRINCIPAL_ID = "session_issuer_principal_id";
  public static final String SESSION_ISSUER_ARN = "session_issuer_arn";
  public static final String SESSION_ISSUER_ACCOUNT_ID = "session_issuer_account_id";
  public static final String SESSION_ISSUER_USER_NAME = "session_issuer_user_name";
  public static final String SESSION_WEB_ID_FEDERATED_PROVIDER =
      "session_web_id_federated_provider";
  public static final String ACTOR = "actor";
  public static final String REQUEST_PARAMETERS = "request_parameters";
  public static final String REQUEST_PARAMETERS_JSON = "request_parameters_json";
  public static final String RESPONSE_ELEMENTS = "response_elements";
  public static final String RESPONSE_ELEMENTS_JSON = "response_elements_json";
  public static final String ADDITIONAL_EVENT_DATA_JSON = "additional_event_data_json";
  public static final String RESOURCES = "resources";
  public static final String TLS_VERSION = "tls_version";
  public static final String TLS_CIPHER_SUITE = "tls_cipher_suite";
  public static final String TLS_CLIENT_PROVIDED_HOST_HEADER = "tls_client_provided_host_header";
  public static final String ADDENDUM_REASON = "addendum_reason";
  public static final String ADDENDUM_ORIGINAL_EVENT_ID = "addendum_original_event_id";
  public static final String CONNECT_INSTANCE_ID = "connect_instance_id";
  public static final String USER_IDENTITY_JSON = "user_identity_json";
  public static final String OTHER_FIELDS_JSON = "other_fields_json";
  public static final String SOURCE_FILE = "source_file";

  /** Fields of each element of {@link #RESOURCES}. */
  public static final String RESOURCE_ARN = "arn";

  public static final String RESOURCE_ACCOUNT_ID = "account_id";
  public static final String RESOURCE_TYPE = "type";

  public static final StructType RESOURCE_SCHEMA =
      new StructType()
          .add(RESOURCE_ARN, DataTypes.StringType)
          .add(RESOURCE_ACCOUNT_ID, DataTypes.StringType)
          .add(RESOURCE_TYPE, DataTypes.StringType);

  private static final DataType S = DataTypes.StringType;
  private static final DataType B = DataTypes.BooleanType;
  private static final DataType TS = DataTypes.TimestampType;
  private static final DataType PATH_MAP =
      DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true);

  /** Every column in table order, with its type and its meaning (the README contract). */
  public static final List<Column> COLUMNS =
      List.of(
          new Column(EVENT_ID, S, "CloudTrail `eventID`; unique in the table."),
          new Column(EVENT_TIME, TS, "`eventTime` as a UTC timestamp."),
          new Column(
              EVENT_DATE, DataTypes.DateType, "UTC day of `eventTime`; the partition column."),
          new Column(EVENT_VERSION, S, "`eventVersion`."),
          new Column(EVENT_SOURCE, S, "`eventSource`, e.g. `connect.amazonaws.com`."),
          new Column(
              EVENT_NAME, S, "`eventName`, the API operation, e.g. `UpdateUserRoutingProfile`."),
          new Column(
              EVENT_TYPE, S, "`eventType`: AwsApiCall, AwsServiceEvent, AwsConsoleAction, ..."),
          new Column(EVENT_CATEGORY, S, "`eventCategory`: Management, Data, NetworkActivity."),
          new Column(AWS_REGION, S, "`awsRegion`."),
          new Column(
              SOURCE_IP_ADDRESS,
              S,
              "`sourceIPAddress` (an IP, or a service name such as `connect.amazonaws.com`)."),
          new Column(USER_AGENT, S, "`userAgent`, as logged (attacker-controlled text)."),
          new Column(ERROR_CODE, S, "`errorCode`; null when the call succeeded."),
          new Column(ERROR_MESSAGE, S, "`errorMessage`."),
          new Column(
              READ_ONLY,
              B,
              "`readOnly`; where missing, derived from the API name (Get/Describe/List/Search read)."),
          new Column(MANAGEMENT_EVENT, B, "`managementEvent`."),
          new Column(
              RECIPIENT_ACCOUNT_ID,
              S,
              "`recipientAccountId`: the account that received the event."),
          new Column(REQUEST_ID, S, "`requestID`."),
          new Column(SHARED_EVENT_ID, S, "`sharedEventID`."),
          new Column(API_VERSION, S, "`apiVersion`."),
          new Column(VPC_ENDPOINT_ID, S, "`vpcEndpointId`."),
          new Column(
              IDENTITY_TYPE,
              S,
              "`userIdentity.type`: Root, IAMUser, AssumedRole, IdentityCenterUser, AWSService, ..."),
          new Column(IDENTITY_PRINCIPAL_ID, S, "`userIdentity.principalId`."),
          new Column(IDENTITY_ARN, S, "`userIdentity.arn`."),
          new Column(IDENTITY_ACCOUNT_ID, S, "`userIdentity.accountId`."),
          new Column(IDENTITY_ACCESS_KEY_ID, S, "`userIdentity.accessKeyId`."),
          new Column(IDENTITY_USER_NAME, S, "`userIdentity.userName`."),
          new Column(
              IDENTITY_INVOKED_BY,
              S,
              "`userIdentity.invokedBy`: the AWS service that called on someone's behalf."),
          new Column(IDENTITY_CREDENTIAL_ID, S, "`userIdentity.credentialId`."),
          new Column(
              IDENTITY_SOURCE_IDENTITY,
              S,
              "`userIdentity.sourceIdentity` (or `sessionContext.sourceIdentity`)."),
          new Column(
              IDENTITY_ON_BEHALF_OF_USER_ID,
              S,
              "`userIdentity.onBehalfOf.userId` (IAM Identity Center users)."),
          new Column(
              IDENTITY_ON_BEHALF_OF_IDENTITY_STORE_ARN,
              S,
              "`userIdentity.onBehalfOf.identityStoreArn`."),
          new Column(
              SESSION_MFA_AUTHENTICATED,
              B,
              "`sessionContext.attributes.mfaAuthenticated` as a boolean."),
          new Column(
              SESSION_CREATION_DATE,
              TS,
              "`sessionContext.attributes.creationDate` as a UTC timestamp (both formats CloudTrail uses)."),
          new Column(SESSION_ISSUER_TYPE, S, "`sessionContext.sessionIssuer.type`, e.g. Role."),
          new Column(SESSION_ISSUER_PRINCIPAL_ID, S, "`sessionContext.sessionIssuer.principalId`."),
          new Column(
              SESSION_ISSUER_ARN,
              S,
              "`sessionContext.sessionIssuer.arn`: the role behind an assumed-role session."),
          new Column(SESSION_ISSUER_ACCOUNT_ID, S, "`sessionContext.sessionIssuer.accountId`."),
          new Column(
              SESSION_ISSUER_USER_NAME,
              S,
              "`sessionContext.sessionIssuer.userName`: the role's name."),
          new Column(
              SESSION_WEB_ID_FEDERATED_PROVIDER,
              S,
              "`sessionContext.webIdFederationData.federatedProvider`."),
          new Column(
              ACTOR,
              S,
              "Who acted: identity_arn, else identity_invoked_by, else identity_on_behalf_of_user_id, else identity_principal_id, else identity_account_id."),
          new Column(
              REQUEST_PARAMETERS,
              PATH_MAP,
              "`requestParameters` flattened: key is the path (`a.b.c`, array items `a[0].b`), value the scalar as text; JSON null is a null value; empty object/array kept as `{}`/`[]`."),
          new Column(
              REQUEST_PARAMETERS_JSON,
              S,
              "`requestParameters` as the original JSON text (a JSON string value is kept as that string)."),
          new Column(
              RESPONSE_ELEMENTS, PATH_MAP, "`responseElements` flattened like request_parameters."),
          new Column(RESPONSE_ELEMENTS_JSON, S, "`responseElements` as the original JSON text."),
          new Column(
              ADDITIONAL_EVENT_DATA_JSON, S, "`additionalEventData` as the original JSON text."),
          new Column(
              RESOURCES,
              DataTypes.createArrayType(RESOURCE_SCHEMA, true),
              "`resources[]` as an array of struct(arn, account_id, type)."),
          new Column(TLS_VERSION, S, "`tlsDetails.tlsVersion`."),
          new Column(TLS_CIPHER_SUITE, S, "`tlsDetails.cipherSuite`."),
          new Column(TLS_CLIENT_PROVIDED_HOST_HEADER, S, "`tlsDetails.clientProvidedHostHeader`."),
          new Column(
              ADDENDUM_REASON,
              S,
              "`addendum.reason`: DELIVERY_DELAY, UPDATED_DATA, SERVICE_OUTAGE (late or corrected events)."),
          new Column(ADDENDUM_ORIGINAL_EVENT_ID, S, "`addendum.originalEventID`."),
          new Column(
              CONNECT_INSTANCE_ID,
              S,
              "Amazon Connect instance id: `InstanceId`/`instanceId` in the request, else from a Connect instance ARN in the event."),
          new Column(USER_IDENTITY_JSON, S, "`userIdentity` as the original JSON text."),
          new Column(
              OTHER_FIELDS_JSON,
              S,
              "A JSON object of every top-level field that has no column (`serviceEventDetails`, `eventContext`, fields AWS adds later); null when there are none."),
          new Column(
              SOURCE_FILE,
              S,
              "The URI of the log file the row was read from (first delivery that was ingested)."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  /**
   * Columns that are a function of {@link #USER_IDENTITY_JSON} alone: both flatteners derive them
   * from {@code userIdentity} and nothing else, so a writer may reuse them for a repeated identity.
   * A column derived from anything more must not be listed here.
   */
  public static final List<String> IDENTITY_DERIVED =
      List.of(
          IDENTITY_TYPE,
          IDENTITY_PRINCIPAL_ID,
          IDENTITY_ARN,
          IDENTITY_ACCOUNT_ID,
          IDENTITY_ACCESS_KEY_ID,
          IDENTITY_USER_NAME,
          IDENTITY_INVOKED_BY,
          IDENTITY_CREDENTIAL_ID,
          IDENTITY_SOURCE_IDENTITY,
          IDENTITY_ON_BEHALF_OF_USER_ID,
          IDENTITY_ON_BEHALF_OF_IDENTITY_STORE_ARN,
          SESSION_MFA_AUTHENTICATED,
          SESSION_CREATION_DATE,
          SESSION_ISSUER_TYPE,
          SESSION_ISSUER_PRINCIPAL_ID,
          SESSION_ISSUER_ARN,
          SESSION_ISSUER_ACCOUNT_ID,
          SESSION_ISSUER_USER_NAME,
          SESSION_WEB_ID_FEDERATED_PROVIDER,
          ACTOR);

  /**
   * Columns Delta keeps min/max statistics on (file skipping, Z-order): the ones analysts filter
   * by. Without this Delta takes the first 32 columns, paying for stats on long text it never uses.
   */
  public static final List<String> STATS_COLUMNS =
      List.of(EVENT_TIME, EVENT_SOURCE, EVENT_NAME, ERROR_CODE, ACTOR, CONNECT_INSTANCE_ID);

  /**
   * Columns whose values are (nearly) unique per event: Parquet's dictionary encoding only costs
   * time on them (it hashes every value, then gives up), so it is turned off for these.
   */
  public static final List<String> NO_DICTIONARY =
      List.of(
          EVENT_ID,
          EVENT_TIME,
          REQUEST_ID,
          SHARED_EVENT_ID,
          SESSION_CREATION_DATE,
          REQUEST_PARAMETERS_JSON,
          RESPONSE_ELEMENTS_JSON,
          ADDITIONAL_EVENT_DATA_JSON,
          OTHER_FIELDS_JSON,
          REQUEST_PARAMETERS + ".key_value.value",
          RESPONSE_ELEMENTS + ".key_value.value");

  /** Table properties the events table is created with. */
  public static final java.util.Map<String, String> PROPERTIES = Tables.statsColumns(STATS_COLUMNS);

  private EventsTable() {}

  /** Index of a column in {@link #SCHEMA}. */
  public static int index(String name) {
    return SCHEMA.fieldIndex(name);
  }
}
