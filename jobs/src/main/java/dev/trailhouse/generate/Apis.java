package dev.trailhouse.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;

/** The API calls a generated trail holds: Connect and its family, Voice ID, and other services. */
final class Apis {
  /** What the generator needs to write one call. */
  record Ctx(
      JsonGenerator g,
      SplittableRandom r,
      String account,
      String region,
      String instance,
      String newId) {
    String arn(String type, String id) {
      return "arn:aws:connect:"
          + region
          + ":"
          + account
          + ":instance/"
          + instance
          + "/"
          + type
          + "/"
          + id;
    }
  }

  /** Writes a requestParameters or responseElements object (or nothing). */
  interface Body {
    void write(Ctx c) throws IOException;
  }

  /** One API: its source, name, how often it appears, and its bodies. */
  record Api(String source, String name, int weight, Body request, Body response) {}

  static final String[] QUEUES = {"q-1a2b3c4d", "q-5e6f7a8b", "q-9c0d1e2f"};
  static final String[] USERS = {"u-11111111", "u-22222222", "u-33333333", "u-44444444"};
  static final String[] PROFILES = {"rp-basic", "rp-sales", "rp-support"};
  static final String[] FLOWS = {"cf-main-ivr", "cf-after-hours"};

  private Apis() {}

  static String pick(SplittableRandom r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  static Body fields(String... kv) {
    return c -> {
      c.g().writeStartObject();
      for (int i = 0; i < kv.length; i += 2) {
        c.g().writeStringField(kv[i], kv[i + 1]);
      }
      c.g().writeEndObject();
    };
  }

  /** {@code {"InstanceId": ..., key: one of values}}. */
  static Body inst(Object... kvs) {
    return c -> {
      c.g().writeStartObject();
      c.g().writeStringField("InstanceId", c.instance());
      for (int i = 0; i < kvs.length; i += 2) {
        Object v = kvs[i + 1];
        c.g()
            .writeStringField(
                (String) kvs[i], v instanceof String[] a ? pick(c.r(), a) : String.valueOf(v));
      }
      c.g().writeEndObject();
    };
  }

  static Body created(String idKey, String arnKey, String type) {
    return c -> {
      c.g().writeStartObject();
      c.g().writeStringField(idKey, c.newId());
      c.g().writeStringField(arnKey, c.arn(type, c.newId()));
      c.g().writeEndObject();
    };
  }

  static final Body NONE = null;

  static final List<Api> ALL =
      List.of(
          // Connect reads.
          new Api("connect.amazonaws.com", "DescribeQueue", 10, inst("QueueId", QUEUES), NONE),
          new Api(
              "connect.amazonaws.com",
              "ListQueues",
              8,
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("InstanceId", c.instance());
                c.g().writeNumberField("MaxResults", 100);
                c.g().writeArrayFieldStart("QueueTypes");
                c.g().writeString("STANDARD");
                c.g().writeEndArray();
                c.g().writeEndObject();
              },
              NONE),
          new Api("connect.amazonaws.com", "DescribeUser", 8, inst("UserId", USERS), NONE),
          new Api(
              "connect.amazonaws.com",
              "GetContactAttributes",
              6,
              inst("InitialContactId", new String[] {"c-aaaa1111", "c-bbbb2222"}),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "DescribeContact",
              3,
              inst("ContactId", new String[] {"c-aaaa1111", "c-cccc3333"}),
              NONE),
          new Api("connect.amazonaws.com", "GetFederationToken", 6, inst(), NONE),
          new Api(
              "connect.amazonaws.com",
              "SearchUsers",
              3,
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("InstanceId", c.instance());
                c.g().writeObjectFieldStart("SearchCriteria");
                c.g().writeObjectFieldStart("StringCondition");
                c.g().writeStringField("FieldName", "Username");
                c.g().writeStringField("Value", "ag");
                c.g().writeStringField("ComparisonType", "STARTS_WITH");
                c.g().writeEndObject();
                c.g().writeEndObject();
                c.g().writeEndObject();
              },
              NONE),
          // Connect configuration changes.
          new Api(
              "connect.amazonaws.com",
              "CreateUser",
              2,
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("InstanceId", c.instance());
                c.g().writeStringField("Username", "agent" + c.r().nextInt(1000));
                c.g().writeStringField("Password", "HIDDEN_DUE_TO_SECURITY_REASONS");
                c.g().writeArrayFieldStart("SecurityProfileIds");
                c.g().writeString("sp-agent");
                c.g().writeEndArray();
                c.g().writeStringField("RoutingProfileId", pick(c.r(), PROFILES));
                c.g().writeObjectFieldStart("PhoneConfig");
                c.g().writeStringField("PhoneType", "SOFT_PHONE");
                c.g().writeBooleanField("AutoAccept", false);
                c.g().writeEndObject();
                c.g().writeEndObject();
              },
              created("UserId", "UserArn", "agent")),
          new Api(
              "connect.amazonaws.com",
              "UpdateUserRoutingProfile",
              3,
              inst("UserId", USERS, "RoutingProfileId", PROFILES),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateUserSecurityProfiles",
              1,
              inst("UserId", USERS),
              NONE),
          new Api("connect.amazonaws.com", "DeleteUser", 1, inst("UserId", USERS), NONE),
          new Api(
              "connect.amazonaws.com",
              "CreateQueue",
              1,
              inst("Name", "Escalations", "HoursOfOperationId", "hoo-24x7"),
              created("QueueId", "QueueArn", "queue")),
          new Api(
              "connect.amazonaws.com",
              "UpdateQueueName",
              2,
              inst("QueueId", QUEUES, "Name", "Tier 2"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateQueueMaxContacts",
              1,
              inst("QueueId", QUEUES, "MaxContacts", "25"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "AssociateRoutingProfileQueues",
              1,
              inst("RoutingProfileId", PROFILES),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateRoutingProfileConcurrency",
              1,
              inst("RoutingProfileId", PROFILES),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateContactFlowContent",
              1,
              inst("ContactFlowId", FLOWS, "Content", "{\"Version\":\"2019-10-30\"}"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateHoursOfOperation",
              1,
              inst("HoursOfOperationId", "hoo-24x7"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "AssociatePhoneNumberContactFlow",
              1,
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("PhoneNumberId", "pn-15551230000");
                c.g().writeStringField("InstanceId", c.instance());
                c.g().writeStringField("ContactFlowId", pick(c.r(), FLOWS));
                c.g().writeEndObject();
              },
              NONE),
          new Api(
              "connect.amazonaws.com",
              "CreateQuickConnect",
              1,
              inst("Name", "Supervisor"),
              created("QuickConnectId", "QuickConnectARN", "transfer-destination")),
          new Api(
              "connect.amazonaws.com",
              "UpdateSecurityProfile",
              1,
              inst("SecurityProfileId", "sp-agent"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateAgentStatus",
              1,
              inst("AgentStatusId", "as-lunch"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "CreatePrompt",
              1,
              inst("Name", "Welcome", "S3Uri", "s3://prompts/welcome.wav"),
              created("PromptId", "PromptARN", "prompt")),
          new Api(
              "connect.amazonaws.com",
              "UpdateUserHierarchy",
              1,
              inst("UserId", USERS, "HierarchyGroupId", "hg-east"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateInstanceAttribute",
              1,
              inst("AttributeType", "CONTACTFLOW_LOGS", "Value", "true"),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "TagResource",
              1,
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("resourceArn", c.arn("queue", QUEUES[0]));
                c.g().writeObjectFieldStart("tags");
                c.g().writeStringField("team", "support");
                c.g().writeEndObject();
                c.g().writeEndObject();
              },
              NONE),
          // Live contacts.
          new Api(
              "connect.amazonaws.com",
              "StartOutboundVoiceContact",
              2,
              inst("ContactFlowId", FLOWS, "DestinationPhoneNumber", "+15555550100"),
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("ContactId", "c-" + c.newId().substring(0, 8));
                c.g().writeEndObject();
              }),
          new Api(
              "connect.amazonaws.com",
              "StopContact",
              2,
              inst("ContactId", new String[] {"c-aaaa1111", "c-bbbb2222"}),
              NONE),
          new Api(
              "connect.amazonaws.com",
              "UpdateContactAttributes",
              2,
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("InitialContactId", "c-aaaa1111");
                c.g().writeStringField("InstanceId", c.instance());
                c.g().writeObjectFieldStart("Attributes");
                c.g().writeStringField("priority", "high");
                c.g().writeEndObject();
                c.g().writeEndObject();
              },
              NONE),
          // Voice ID (lower-case keys; sensitive values redacted by the service).
          new Api(
              "voiceid.amazonaws.com",
              "CreateDomain",
              1,
              c -> {
                c.g().writeStartObject();
                c.g().writeStringField("description", "HIDDEN_DUE_TO_SECURITY_REASONS");
                c.g().writeStringField("name", "HIDDEN_DUE_TO_SECURITY_REASONS");
                c.g().writeObjectFieldStart("serverSideEncryptionConfiguration");
                c.g().writeStringField("kmsKeyId", "alias/voiceid");
                c.g().writeEndObject();
                c.g().writeEndObject();
              },
              c -> {
                c.g().writeStartObject();
                c.g().writeObjectFieldStart("domain");
                c.g()
                    .writeStringField(
                        "arn",
                        "arn:aws:voiceid:"
                            + c.region()
                            + ":"
                            + c.account()
                            + ":domain/"
                            + c.newId());
                c.g().writeStringField("domainId", c.newId());
                c.g().writeStringField("domainStatus", "ACTIVE");
                c.g().writeStringField("name", "HIDDEN_DUE_TO_SECURITY_REASONS");
                c.g().writeEndObject();
                c.g().writeEndObject();
              }),
          new Api(
              "voiceid.amazonaws.com",
              "DescribeDomain",
              2,
              fields("domainId", "UcUuCPFOsAjzg9xoByUatN"),
              NONE),
          new Api(
              "voiceid.amazonaws.com",
              "CreateWatchlist",
              1,
              fields(
                  "domainId", "UcUuCPFOsAjzg9xoByUatN", "name", "HIDDEN_DUE_TO_SECURITY_REASONS"),
              c -> {
                c.g().writeStartObject();
                c.g().writeObjectFieldStart("watchlist");
                c.g().writeStringField("watchlistId", "wl-" + c.newId().substring(0, 8));
                c.g().writeStringField("name", "HIDDEN_DUE_TO_SECURITY_REASONS");
                c.g().writeEndObject();
                c.g().writeEndObject();
              }),
          new Api(
              "voiceid.amazonaws.com",
              "DescribeFraudster",
              1,
              fields("domainId", "UcUuCPFOsAjzg9xoByUatN", "fraudsterId", "fr-0001"),
              NONE),
          new Api(
              "voiceid.amazonaws.com",
              "DeleteSpeaker",
              1,
              fields(
                  "domainId",
                  "UcUuCPFOsAjzg9xoByUatN",
                  "speakerId",
                  "HIDDEN_DUE_TO_SECURITY_REASONS"),
              NONE),
          // The rest of the Connect family.
          new Api(
              "profile.amazonaws.com",
              "SearchProfiles",
              2,
              fields("DomainName", "contact-center", "KeyName", "_phone"),
              NONE),
          new Api(
              "wisdom.amazonaws.com",
              "GetKnowledgeBase",
              1,
              fields("knowledgeBaseId", "kb-1234"),
              NONE),
          new Api(
              "cases.amazonaws.com",
              "CreateCase",
              1,
              fields("domainId", "cases-dom-1", "templateId", "tpl-1"),
              NONE),
          // Other services in the same trail.
          new Api(
              "sts.amazonaws.com",
              "AssumeRole",
              5,
              c -> {
                c.g().writeStartObject();
                c.g()
                    .writeStringField(
                        "roleArn", "arn:aws:iam::" + c.account() + ":role/ConnectAutomation");
                c.g().writeStringField("roleSessionName", "lambda-sync-1");
                c.g().writeNumberField("durationSeconds", 3600);
                c.g().writeEndObject();
              },
              NONE),
          new Api("iam.amazonaws.com", "ListRoles", 2, NONE, NONE),
          new Api(
              "ec2.amazonaws.com",
              "DescribeInstances",
              3,
              c -> {
                c.g().writeStartObject();
                c.g().writeObjectFieldStart("instancesSet");
                c.g().writeArrayFieldStart("items");
                c.g().writeStartObject();
                c.g().writeStringField("instanceId", "i-0abc123");
                c.g().writeEndObject();
                c.g().writeEndArray();
                c.g().writeEndObject();
                c.g().writeNullField("filterSet");
                c.g().writeEndObject();
              },
              NONE),
          new Api(
              "s3.amazonaws.com",
              "PutObject",
              2,
              c -> {
                // Some services deliver requestParameters as a JSON string.
                c.g()
                    .writeString(
                        "{\"bucketName\":\"connect-recordings\",\"key\":\"2025/03/call.wav\",\"Host\":\"connect-recordings.s3.amazonaws.com\"}");
              },
              NONE));

  static Api pick(SplittableRandom r, Mix mix) {
    int x = r.nextInt(mix.total());
    for (Api a : ALL) {
      x -= mix.weight(a);
      if (x < 0) {
        return a;
      }
    }
    return ALL.get(0);
  }
}
