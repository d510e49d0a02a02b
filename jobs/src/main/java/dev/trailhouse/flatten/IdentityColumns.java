package dev.trailhouse.flatten;

import static dev.trailhouse.flatten.IdentityPaths.CREATED;
import static dev.trailhouse.flatten.IdentityPaths.MFA;
import static dev.trailhouse.flatten.IdentityPaths.SOURCE_IDENTITY;

import java.util.Map;

/**
 * Fills the identity and session columns from a flattened {@code userIdentity} (path to text), and
 * picks the actor, by the paths and rule of {@link IdentityPaths}.
 */
final class IdentityColumns {
  private static final IdentityPaths.Copied[] COPIED =
      IdentityPaths.COPIED.toArray(new IdentityPaths.Copied[0]);
  private static final int[] COPIED_INDEX =
      IdentityPaths.COPIED.stream().mapToInt(IdentityPaths.Copied::index).toArray();

  void fill(Map<String, String> m, Object[] row) {
    for (int i = 0; i < COPIED.length; i++) {
      row[COPIED_INDEX[i]] = m.get(COPIED[i].path());
    }
    if (row[SOURCE_IDENTITY] == null) {
      row[SOURCE_IDENTITY] = m.get(IdentityPaths.SESSION_SOURCE_IDENTITY);
    }
    String mfa = m.get(IdentityPaths.MFA_AUTHENTICATED);
    row[MFA] = mfa == null ? null : Boolean.valueOf("true".equalsIgnoreCase(mfa.trim()));
    row[CREATED] = CloudTrailTime.parse(m.get(IdentityPaths.CREATION_DATE));
  }

  /**
   * The actor of a row whose identity columns are filled (see {@link IdentityPaths#actorColumn}).
   */
  static String actor(Object[] row) {
    int c = IdentityPaths.actorColumn(i -> row[i] != null && !((String) row[i]).isBlank());
    return c < 0 ? null : (String) row[c];
  }
}
