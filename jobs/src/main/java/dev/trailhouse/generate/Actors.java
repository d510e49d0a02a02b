package dev.trailhouse.generate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/** The principals of a generated trail, one per identity type CloudTrail records. */
final class Actors {
  static final String CONNECT_ADMIN_USER = "0d8c2c1e-5a7b-4c55-9d21-0a1b2c3d4e5f";
  static final String IDENTITY_STORE =
      "arn:aws:identitystore::111122223333:identitystore/d-9067e1a2b3";

  /** An identity type and how often it acts (weights sum to 100). */
  enum Kind {
    ADMIN_WEBSITE(22),
    IAM_USER(16),
    ASSUMED_ROLE_SDK(16),
    AWS_SERVICE(10),
    IDENTITY_CENTER(8),
    ROOT(3),
    FEDERATED(4),
    SAML(4),
    WEB_IDENTITY(3),
    AWS_ACCOUNT(4),
    UNKNOWN(2),
    PROBER(8);

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  private Actors() {}

  static Kind pick(SplittableRandom r) {
    int x = r.nextInt(100);
    for (Kind k : Kind.values()) {
      x -= k.weight;
      if (x < 0) {
        return k;
      }
    }
    return Kind.IAM_USER;
  }

  /** Writes the userIdentity object of {@code kind} in {@code account}. */
  static void write(
      JsonGenerator g, Kind kind, String account, SplittableRandom r, boolean basicCreationDate)
      throws IOException {
    g.writeObjectFieldStart("userIdentity");
    switch (kind) {
      case ADMIN_WEBSITE -> {
        role(
            g,
            account,
            "AWSReservedSSO_ConnectAdmin_1a2b3c",
            CONNECT_ADMIN_USER,
            "false",
            basicCreationDate,
            false);
      }
      case ASSUMED_ROLE_SDK ->
          role(
              g,
              account,
              "ConnectAutomation",
              "lambda-sync-" + (r.nextInt(3) + 1),
              "false",
              basicCreationDate,
              r.nextInt(4) == 0);
      case IAM_USER -> {
        g.writeStringField("type", "IAMUser");
        g.writeStringField("principalId", "AIDA" + account.substring(0, 8) + "ALICE");
        g.writeStringField("arn", "arn:aws:iam::" + account + ":user/alice");
        g.writeStringField("accountId", account);
        g.writeStringField("accessKeyId", "AKIA" + account.substring(4) + "EXAMPLE");
        g.writeStringField("userName", "alice");
      }
      case PROBER -> {
        g.writeStringField("type", "IAMUser");
        g.writeStringField("principalId", "AIDA" + account.substring(0, 8) + "MALLORY");
        g.writeStringField("arn", "arn:aws:iam::" + account + ":user/mallory");
        g.writeStringField("accountId", account);
        g.writeStringField("accessKeyId", "AKIA" + account.substring(4) + "MALLORY");
        g.writeStringField("userName", "mallory");
      }
      case AWS_SERVICE -> {
        g.writeStringField("type", "AWSService");
        g.writeStringField("invokedBy", "connect.amazonaws.com");
      }
      case IDENTITY_CENTER -> {
        g.writeStringField("type", "IdentityCenterUser");
        g.writeStringField("accountId", account);
        g.writeObjectFieldStart("onBehalfOf");
        g.writeStringField("userId", "94482488-3041-7026-18f3-be45837cd0e4");
        g.writeStringField("identityStoreArn", IDENTITY_STORE);
        g.writeEndObject();
        g.writeStringField(
            "credentialId", "EXAMPLEVHULjJdTUdPJfofVa1sufHDoj7aYcOYcxFVllWR_Whr1fEXAMPLE");
      }
      case ROOT -> {
        g.writeStringField("type", "Root");
        g.writeStringField("principalId", account);
        g.writeStringField("arn", "arn:aws:iam::" + account + ":root");
        g.writeStringField("accountId", account);
        g.writeStringField("accessKeyId", "ASIA" + account.substring(4) + "ROOTKEY");
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("attributes");
        g.writeStringField("creationDate", "2025-03-01T08:00:00Z");
        g.writeStringField("mfaAuthenticated", "true");
        g.writeEndObject();
        g.writeEndObject();
      }
      case FEDERATED -> {
        g.writeStringField("type", "FederatedUser");
        g.writeStringField("principalId", account + ":bob");
        g.writeStringField("arn", "arn:aws:sts::" + account + ":federated-user/bob");
        g.writeStringField("accountId", account);
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("sessionIssuer");
        g.writeEndObject();
        g.writeObjectFieldStart("attributes");
        g.writeStringField("creationDate", "20250301T080000Z");
        g.writeStringField("mfaAuthenticated", "false");
        g.writeEndObject();
        g.writeEndObject();
      }
      case SAML -> {
        g.writeStringField("type", "SAMLUser");
        g.writeStringField("principalId", "SAMLExampleProvider:carol@example.com");
        g.writeStringField("userName", "carol@example.com");
        g.writeStringField("identityProvider", "bdGOnTesti4+ExamplexL/jEvs=");
      }
      case WEB_IDENTITY -> {
        g.writeStringField("type", "WebIdentityUser");
        g.writeStringField("principalId", "cognito-identity.amazonaws.com:us-east-1:1234abcd:dave");
        g.writeStringField("userName", "dave");
        g.writeStringField("identityProvider", "cognito-identity.amazonaws.com");
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("webIdFederationData");
        g.writeStringField("federatedProvider", "cognito-identity.amazonaws.com");
        g.writeEndObject();
        g.writeEndObject();
      }
      case AWS_ACCOUNT -> {
        g.writeStringField("type", "AWSAccount");
        g.writeStringField("principalId", "AIDAPARTNEREXAMPLE");
        g.writeStringField("accountId", "999900001111");
      }
      case UNKNOWN -> {
        g.writeStringField("type", "Unknown");
        g.writeStringField("principalId", "");
      }
    }
    g.writeEndObject();
  }

  private static void role(
      JsonGenerator g,
      String account,
      String role,
      String session,
      String mfa,
      boolean basic,
      boolean emptyIssuer)
      throws IOException {
    g.writeStringField("type", "AssumedRole");
    g.writeStringField(
        "principalId", "AROA" + account.substring(0, 8) + role.length() + ":" + session);
    g.writeStringField("arn", "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session);
    g.writeStringField("accountId", account);
    g.writeStringField("accessKeyId", "ASIA" + account.substring(4) + "SESSION");
    g.writeObjectFieldStart("sessionContext");
    g.writeObjectFieldStart("sessionIssuer");
    if (!emptyIssuer) {
      g.writeStringField("type", "Role");
      g.writeStringField("principalId", "AROA" + account.substring(0, 8) + role.length());
      g.writeStringField("arn", "arn:aws:iam::" + account + ":role/" + role);
      g.writeStringField("accountId", account);
      g.writeStringField("userName", role);
    }
    g.writeEndObject();
    g.writeObjectFieldStart("attributes");
    g.writeStringField("creationDate", basic ? "20250323T230000Z" : "2025-03-23T23:00:00Z");
    g.writeStringField("mfaAuthenticated", mfa);
    g.writeEndObject();
    g.writeEndObject();
  }

  /** Source IP and user agent of a kind's calls. */
  static String[] origin(Kind kind, SplittableRandom r) {
    return switch (kind) {
      case ADMIN_WEBSITE ->
          new String[] {
            "203.0.113." + (10 + r.nextInt(3)),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"
          };
      case IAM_USER ->
          new String[] {
            "198.51.100.7",
            r.nextBoolean()
                ? "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/connect.describe-queue"
                : "Boto3/1.34.70 md/Botocore#1.34.70 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8"
          };
      case ASSUMED_ROLE_SDK ->
          new String[] {
            "10.0." + r.nextInt(4) + ".21",
            "aws-sdk-java/2.25.16 Linux/5.10 OpenJDK_64-Bit_Server_VM/17.0.10+7-LTS Java/17.0.10 vendor/Amazon.com_Inc."
          };
      case AWS_SERVICE -> new String[] {"connect.amazonaws.com", "connect.amazonaws.com"};
      case IDENTITY_CENTER ->
          new String[] {
            "192.0.2.44",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 Safari/605.1.15"
          };
      case ROOT -> new String[] {"192.0.2.99", "signin.amazonaws.com"};
      case PROBER ->
          new String[] {
            r.nextInt(3) == 0 ? "185.220.101.4" : "45.155.205.233",
            switch (r.nextInt(3)) {
              case 0 -> "<script>document.title='PWNED'</script>";
              case 1 -> "=HYPERLINK(\"http://evil.example\",\"click\")";
              default -> "@SUM(1+1)*cmd|' /C calc'!A0";
            }
          };
      default ->
          new String[] {
            "192.0.2." + (100 + r.nextInt(50)),
            "aws-sdk-go-v2/1.26.1 os/linux lang/go#1.22.1 md/GOOS#linux"
          };
    };
  }
}
