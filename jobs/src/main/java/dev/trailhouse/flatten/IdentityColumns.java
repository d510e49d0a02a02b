package dev.trailhouse.flatten;

import static dev.trailhouse.table.EventsTable.index;

import dev.trailhouse.table.EventsTable;
import java.time.Instant;
import java.util.Map;

/** Fills the identity and session columns from a flattened {@code userIdentity}, and picks the actor. */
final class IdentityColumns {
  private static final int TYPE = index(EventsTable.IDENTITY_TYPE);
  private static final int PRINCIPAL = index(EventsTable.IDENTITY_PRINCIPAL_ID);
  private static final int ARN = index(EventsTable.IDENTITY_ARN);
  private static final int ACCOUNT = index(EventsTable.IDENTITY_ACCOUNT_ID);
  private static final int ACCESS_KEY = index(EventsTable.IDENTITY_ACCESS_KEY_ID);
  private static final int USER_NAME = index(EventsTable.IDENTITY_USER_NAME);
  private static final int INVOKED_BY = index(EventsTable.IDENTITY_INVOKED_BY);
  private static final int CREDENTIAL = index(EventsTable.IDENTITY_CREDENTIAL_ID);
  private static final int SOURCE_IDENTITY = index(EventsTable.IDENTITY_SOURCE_IDENTITY);
  private static final int OBO_USER = index(EventsTable.IDENTITY_ON_BEHALF_OF_USER_ID);
  private static final int OBO_STORE = index(EventsTable.IDENTITY_ON_BEHALF_OF_IDENTITY_STORE_ARN);
  private static final int MFA = index(EventsTable.SESSION_MFA_AUTHENTICATED);
  private static final int CREATED = index(EventsTable.SESSION_CREATION_DATE);
  private static final int ISSUER_TYPE = index(EventsTable.SESSION_ISSUER_TYPE);
  private static final int ISSUER_PRINCIPAL = index(EventsTable.SESSION_ISSUER_PRINCIPAL_ID);
  private static final int ISSUER_ARN = index(EventsTable.SESSION_ISSUER_ARN);
  private static final int ISSUER_ACCOUNT = index(EventsTable.SESSION_ISSUER_ACCOUNT_ID);
  private static final int ISSUER_USER = index(EventsTable.SESSION_ISSUER_USER_NAME);
  private static final int WEB_ID = index(EventsTable.SESSION_WEB_ID_FEDERATED_PROVIDER);

  void fill(Map<String, String> m, Object[] row) {
    row[TYPE] = m.get("type");
    row[PRINCIPAL] = m.get("principalId");
    row[ARN] = m.get("arn");
    row[ACCOUNT] = m.get("accountId");
    row[ACCESS_KEY] = m.get("accessKeyId");
    row[USER_NAME] = m.get("userName");
    row[INVOKED_BY] = m.get("invokedBy");
    row[CREDENTIAL] = m.get("credentialId");
    String source = m.get("sourceIdentity");
    row[SOURCE_IDENTITY] = source != null ? source : m.get("sessionContext.sourceIdentity");
    row[OBO_USER] = m.get("onBehalfOf.userId");
    row[OBO_STORE] = m.get("onBehalfOf.identityStoreArn");
    String mfa = m.get("sessionContext.attributes.mfaAuthenticated");
    row[MFA] = mfa == null ? null : Boolean.valueOf("true".equalsIgnoreCase(mfa.trim()));
    Instant created = CloudTrailTime.parse(m.get("sessionContext.attributes.creationDate"));
    row[CREATED] = created;
    row[ISSUER_TYPE] = m.get("sessionContext.sessionIssuer.type");
    row[ISSUER_PRINCIPAL] = m.get("sessionContext.sessionIssuer.principalId");
    row[ISSUER_ARN] = m.get("sessionContext.sessionIssuer.arn");
    row[ISSUER_ACCOUNT] = m.get("sessionContext.sessionIssuer.accountId");
    row[ISSUER_USER] = m.get("sessionContext.sessionIssuer.userName");
    row[WEB_ID] = m.get("sessionContext.webIdFederationData.federatedProvider");
  }

  /** identity_arn, else invoked_by, else on_behalf_of user, else principal, else account. */
  static String actor(Object[] row) {
    for (int i : new int[] {ARN, INVOKED_BY, OBO_USER, PRINCIPAL, ACCOUNT}) {
      Object v = row[i];
      if (v != null && !((String) v).isBlank()) {
        return (String) v;
      }
    }
    return null;
  }
}
