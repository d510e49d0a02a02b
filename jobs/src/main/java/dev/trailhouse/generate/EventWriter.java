package dev.trailhouse.generate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;

/** Writes one CloudTrail record, fully determined by its seed, time, account and region. */
final class EventWriter {
  private static final JsonFactory JSON = new JsonFactory();
  static final String[] ERRORS = {
    "AccessDeniedException",
    "AccessDenied",
    "UnauthorizedException",
    "ResourceNotFoundException",
    "ThrottlingException"
  };

  /** What the model needs to know of an event before writing it. */
  record Head(String id, Apis.Api api, Actors.Kind actor) {}

  private EventWriter() {}

  static Head head(long seed, Mix mix) {
    SplittableRandom r = new SplittableRandom(seed);
    Apis.Api api = Apis.pick(r, mix);
    Actors.Kind actor = Actors.pick(r);
    return new Head(new UUID(r.nextLong(), r.nextLong()).toString(), api, actor);
  }

  static JsonGenerator open(OutputStream out) throws IOException {
    return JSON.createGenerator(out);
  }

  /**
   * Writes the record of {@code seed} at {@code epochSecond}; {@code lateBy} > 0 adds an addendum.
   */
  static void write(
      JsonGenerator g,
      long seed,
      long epochSecond,
      String account,
      String region,
      String instance,
      int lateBy,
      Mix mix)
      throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Apis.Api api = Apis.pick(r, mix);
    Actors.Kind actor = Actors.pick(r);
    String id = new UUID(r.nextLong(), r.nextLong()).toString();
    String newId = new UUID(r.nextLong(), r.nextLong()).toString();
    boolean read = api.name().matches("^(Get|Describe|List|Search).*");
    boolean denied = actor == Actors.Kind.PROBER && r.nextInt(3) != 0;
    String error =
        denied ? ERRORS[r.nextInt(3)] : r.nextInt(40) == 0 ? ERRORS[3 + r.nextInt(2)] : null;
    String[] origin = Actors.origin(actor, r);
    int readOnlyForm = r.nextInt(10);
    Apis.Ctx ctx = new Apis.Ctx(g, r, account, region, instance, newId);

    g.writeStartObject();
    g.writeStringField("eventVersion", "1.09");
    Actors.write(g, actor, account, r, r.nextInt(5) == 0);
    g.writeStringField("eventTime", Instant.ofEpochSecond(epochSecond).toString());
    g.writeStringField("eventSource", api.source());
    g.writeStringField("eventName", api.name());
    g.writeStringField("awsRegion", region);
    g.writeStringField("sourceIPAddress", origin[0]);
    g.writeStringField("userAgent", origin[1]);
    if (error != null) {
      g.writeStringField("errorCode", error);
      g.writeStringField(
          "errorMessage",
          "User: "
              + actor.name().toLowerCase()
              + " is not authorized to perform: "
              + api.source().replace(".amazonaws.com", "")
              + ":"
              + api.name());
    }
    g.writeFieldName("requestParameters");
    if (api.request() == null) {
      g.writeNull();
    } else {
      api.request().write(ctx);
    }
    g.writeFieldName("responseElements");
    if (api.response() == null || error != null) {
      g.writeNull();
    } else {
      api.response().write(ctx);
    }
    g.writeStringField("requestID", new UUID(r.nextLong(), r.nextLong()).toString());
    g.writeStringField("eventID", id);
    if (readOnlyForm < 7) {
      g.writeBooleanField("readOnly", read);
    } else if (readOnlyForm < 9) {
      g.writeStringField("readOnly", String.valueOf(read));
    }
    if (api.name().equals("UpdateQueueName") || api.name().equals("TagResource")) {
      g.writeArrayFieldStart("resources");
      g.writeStartObject();
      g.writeStringField("accountId", account);
      g.writeStringField("type", "AWS::Connect::Instance");
      g.writeStringField(
          "ARN", "arn:aws:connect:" + region + ":" + account + ":instance/" + instance);
      g.writeEndObject();
      g.writeEndArray();
    }
    g.writeStringField("eventType", "AwsApiCall");
    g.writeBooleanField("managementEvent", true);
    g.writeStringField("recipientAccountId", account);
    g.writeStringField("eventCategory", "Management");
    if (actor != Actors.Kind.AWS_SERVICE) {
      g.writeObjectFieldStart("tlsDetails");
      g.writeStringField("tlsVersion", "TLSv1.3");
      g.writeStringField("cipherSuite", "TLS_AES_128_GCM_SHA256");
      g.writeStringField(
          "clientProvidedHostHeader",
          api.source().replace(".amazonaws.com", "") + "." + region + ".amazonaws.com");
      g.writeEndObject();
    }
    if (actor == Actors.Kind.ADMIN_WEBSITE || actor == Actors.Kind.IDENTITY_CENTER) {
      g.writeStringField("sessionCredentialFromConsole", "true");
    }
    if (actor == Actors.Kind.AWS_SERVICE && r.nextBoolean()) {
      g.writeObjectFieldStart("serviceEventDetails");
      g.writeStringField("initiatedBy", "ContactFlow");
      g.writeEndObject();
    }
    if (lateBy > 0) {
      g.writeObjectFieldStart("addendum");
      g.writeStringField("reason", "DELIVERY_DELAY");
      g.writeStringField("updatedFields", "");
      g.writeStringField("originalRequestID", "");
      g.writeStringField("originalEventID", "");
      g.writeEndObject();
    }
    g.writeEndObject();
  }
}
