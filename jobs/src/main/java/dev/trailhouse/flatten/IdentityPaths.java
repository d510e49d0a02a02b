package dev.trailhouse.flatten;

import static dev.trailhouse.table.EventsTable.index;

import dev.trailhouse.table.EventsTable;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Where the identity columns come from: the paths inside {@code userIdentity} and the actor rule,
 * declared once for both parsers ({@link IdentityColumns} over a Jackson path map, {@link
 * FastFlattener} over byte ranges). Every column named here is in {@link
 * EventsTable#IDENTITY_DERIVED}: a function of {@code user_identity_json} alone.
 */
final class IdentityPaths {
  /** A path inside userIdentity whose text a column keeps as it is. */
  record Copied(String path, String column) {
    int index() {
      return EventsTable.index(column);
    }
  }

  /** The copied paths, in the order the fast path keeps them. */
  static final List<Copied> COPIED =
      List.of(
          new Copied("type", EventsTable.IDENTITY_TYPE),
          new Copied("principalId", EventsTable.IDENTITY_PRINCIPAL_ID),
          new Copied("arn", EventsTable.IDENTITY_ARN),
          new Copied("accountId", EventsTable.IDENTITY_ACCOUNT_ID),
          new Copied("accessKeyId", EventsTable.IDENTITY_ACCESS_KEY_ID),
          new Copied("userName", EventsTable.IDENTITY_USER_NAME),
          new Copied("invokedBy", EventsTable.IDENTITY_INVOKED_BY),
          new Copied("credentialId", EventsTable.IDENTITY_CREDENTIAL_ID),
          new Copied("sourceIdentity", EventsTable.IDENTITY_SOURCE_IDENTITY),
          new Copied("onBehalfOf.userId", EventsTable.IDENTITY_ON_BEHALF_OF_USER_ID),
          new Copied(
              "onBehalfOf.identityStoreArn", EventsTable.IDENTITY_ON_BEHALF_OF_IDENTITY_STORE_ARN),
          new Copied("sessionContext.sessionIssuer.type", EventsTable.SESSION_ISSUER_TYPE),
          new Copied(
              "sessionContext.sessionIssuer.principalId", EventsTable.SESSION_ISSUER_PRINCIPAL_ID),
          new Copied("sessionContext.sessionIssuer.arn", EventsTable.SESSION_ISSUER_ARN),
          new Copied(
              "sessionContext.sessionIssuer.accountId", EventsTable.SESSION_ISSUER_ACCOUNT_ID),
          new Copied("sessionContext.sessionIssuer.userName", EventsTable.SESSION_ISSUER_USER_NAME),
          new Copied(
              "sessionContext.webIdFederationData.federatedProvider",
              EventsTable.SESSION_WEB_ID_FEDERATED_PROVIDER));

  /**
   * identity_source_identity's second source, read when {@code sourceIdentity} is missing or null.
   */
  static final String SESSION_SOURCE_IDENTITY = "sessionContext.sourceIdentity";

  /** session_mfa_authenticated's source: true when its trimmed text is "true" in any case. */
  static final String MFA_AUTHENTICATED = "sessionContext.attributes.mfaAuthenticated";

  /**
   * session_creation_date's source, in either of CloudTrail's time formats ({@link
   * CloudTrailTime}).
   */
  static final String CREATION_DATE = "sessionContext.attributes.creationDate";

  static final int SOURCE_IDENTITY = index(EventsTable.IDENTITY_SOURCE_IDENTITY);
  static final int MFA = index(EventsTable.SESSION_MFA_AUTHENTICATED);
  static final int CREATED = index(EventsTable.SESSION_CREATION_DATE);
  static final int ACTOR = index(EventsTable.ACTOR);

  /** The actor is the first of these columns whose value is not blank. */
  private static final int[] ACTOR_ORDER = {
    index(EventsTable.IDENTITY_ARN),
    index(EventsTable.IDENTITY_INVOKED_BY),
    index(EventsTable.IDENTITY_ON_BEHALF_OF_USER_ID),
    index(EventsTable.IDENTITY_PRINCIPAL_ID),
    index(EventsTable.IDENTITY_ACCOUNT_ID)
  };

  private IdentityPaths() {}

  /**
   * The column the actor is copied from, or -1 when there is none: the first of identity_arn,
   * identity_invoked_by, identity_on_behalf_of_user_id, identity_principal_id, identity_account_id
   * for which {@code notBlank} (the parser's own test of its value) holds.
   */
  static int actorColumn(IntPredicate notBlank) {
    for (int c : ACTOR_ORDER) {
      if (notBlank.test(c)) {
        return c;
      }
    }
    return -1;
  }
}
