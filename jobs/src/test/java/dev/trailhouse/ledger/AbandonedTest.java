package dev.trailhouse.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.ledger.RunRecord.Status;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AbandonedTest {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  static RunRecord running(String id, String host, long pid, Instant beat) {
    RunRecord start =
        new RunRecord(
            id, "ingest", "ingest --from x", Status.RUNNING, null, T0, T0, null, host, pid, null);
    return RunRecord.running(start, beat);
  }

  @Test
  void aLapsedLeaseOrALocalPidThatIsGoneIsAbandonedAndNothingElse() {
    Instant now = T0.plus(RunRecord.LEASE).plusSeconds(60);
    List<RunRecord> latest =
        List.of(
            running("lapsed", "other-host", 7, T0), // lease ended 60 s ago
            running(
                "fresh-remote",
                "other-host",
                8,
                now.minusSeconds(30)), // lease holds; another host: wait
            running(
                "local-dead",
                "here",
                9,
                now.minusSeconds(30)), // lease holds but pid 9 is gone here
            running("local-alive", "here", 10, now.minusSeconds(30)), // pid 10 lives
            running("me", "here", 11, now.minusSeconds(1)), // the finder itself
            running("lapsed", "x", 1, T0).ended(Status.SUCCEEDED, null, now)); // not running
    Set<Long> alive = Set.of(10L, 11L);
    List<RunRecord> found = Abandoned.find(latest, now, "here", alive::contains, "me");
    assertEquals(List.of("lapsed", "local-dead"), found.stream().map(RunRecord::runId).toList());
    for (RunRecord r : found) {
      assertEquals(Status.ABANDONED, r.status());
      assertEquals("me", r.foundBy());
      assertEquals(now, r.recordedAt());
      assertEquals(T0, r.startedAt());
      assertEquals(null, r.leaseUntil());
    }
    assertEquals(
        "found running by run me with its last heartbeat at 2026-03-01T10:00:00Z and its lease lapsed at "
            + "2026-03-01T10:10:00Z: the process is gone",
        found.get(0).message());
    assertEquals(
        "found running by run me on host here with no process 9 left (last heartbeat at "
            + "2026-03-01T10:10:30Z)",
        found.get(1).message());
  }

  @Test
  void aLeaseIsTenMinutesFromEachHeartbeat() {
    RunRecord r = running("a", "h", 1, T0.plusSeconds(120));
    assertEquals(T0.plusSeconds(720), r.leaseUntil());
    assertEquals(
        List.of(), Abandoned.find(List.of(r), T0.plusSeconds(720), "elsewhere", p -> false, "b"));
    assertEquals(
        1, Abandoned.find(List.of(r), T0.plusSeconds(721), "elsewhere", p -> true, "b").size());
  }
}
