package dev.trailhouse.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * Which runs the ledger still shows running although their process is gone. A run is gone when its
 * latest row is {@code running} and either its lease has lapsed (no heartbeat for {@link
 * RunRecord#LEASE}), or it ran on this host and no process has its id. Pure: the caller gives the
 * latest row of each run, the time, this host and how to ask whether a local process is alive.
 */
public final class Abandoned {
  private Abandoned() {}

  /** The abandoned rows to append for the runs found gone, by run {@code finder}. */
  public static List<RunRecord> find(
      List<RunRecord> latest, Instant now, String host, LongPredicate alive, String finder) {
    List<RunRecord> out = new ArrayList<>();
    for (RunRecord r : latest) {
      if (r.status() != RunRecord.Status.RUNNING || r.runId().equals(finder)) {
        continue;
      }
      if (r.leaseUntil() == null || now.isAfter(r.leaseUntil())) {
        out.add(
            r.abandoned(
                finder,
                "found running by run "
                    + finder
                    + " with its last heartbeat at "
                    + r.recordedAt()
                    + " and its lease lapsed at "
                    + r.leaseUntil()
                    + ": the process is gone",
                now));
      } else if (host.equals(r.host()) && !alive.test(r.pid())) {
        out.add(
            r.abandoned(
                finder,
                "found running by run "
                    + finder
                    + " on host "
                    + host
                    + " with no process "
                    + r.pid()
                    + " left (last heartbeat at "
                    + r.recordedAt()
                    + ")",
                now));
      }
    }
    return out;
  }
}
