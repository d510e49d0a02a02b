package dev.trailhouse.flatten;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.table.EventsTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract's identity-derived columns are exactly the columns {@link IdentityPaths} fills. */
class IdentityPathsTest {
  @Test
  void identityDerivedColumnsAreTheOnesTheIdentityRuleFills() {
    List<String> filled = new ArrayList<>();
    IdentityPaths.COPIED.forEach(c -> filled.add(c.column()));
    filled.add(EventsTable.SESSION_MFA_AUTHENTICATED);
    filled.add(EventsTable.SESSION_CREATION_DATE);
    filled.add(EventsTable.ACTOR);
    filled.sort(null);
    List<String> declared = new ArrayList<>(EventsTable.IDENTITY_DERIVED);
    declared.sort(null);
    assertEquals(declared, filled);
  }

  @Test
  void actorIsTheFirstNonBlankOfArnInvokedByOnBehalfOfPrincipalAccount() {
    Object[] row = new Object[EventsTable.COLUMNS.size()];
    assertEquals(null, IdentityColumns.actor(row));
    row[EventsTable.index(EventsTable.IDENTITY_ACCOUNT_ID)] = "111122223333";
    assertEquals("111122223333", IdentityColumns.actor(row));
    row[EventsTable.index(EventsTable.IDENTITY_PRINCIPAL_ID)] = "AROA:u";
    assertEquals("AROA:u", IdentityColumns.actor(row));
    row[EventsTable.index(EventsTable.IDENTITY_ON_BEHALF_OF_USER_ID)] = "u-1";
    assertEquals("u-1", IdentityColumns.actor(row));
    row[EventsTable.index(EventsTable.IDENTITY_INVOKED_BY)] = "connect.amazonaws.com";
    assertEquals("connect.amazonaws.com", IdentityColumns.actor(row));
    row[EventsTable.index(EventsTable.IDENTITY_ARN)] = " \t";
    assertEquals("connect.amazonaws.com", IdentityColumns.actor(row));
    row[EventsTable.index(EventsTable.IDENTITY_ARN)] = "arn:aws:sts::1:assumed-role/r/u";
    assertEquals("arn:aws:sts::1:assumed-role/r/u", IdentityColumns.actor(row));
  }
}
