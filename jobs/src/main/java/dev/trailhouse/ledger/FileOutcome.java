package dev.trailhouse.ledger;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What reading one file gave: every record unit it held is counted exactly once as an event, a
 * filtered event or a reject ({@code records == events + filtered + rejects.size()}).
 *
 * @param records record units read: elements of Records, plus one per unreadable file or damaged tail
 * @param events rows emitted
 * @param filtered events dropped by the {@code sources} filter
 * @param eventDates the UTC days of the emitted events
 * @param readable false when the file could not be read (it is not recorded as ingested)
 */
public record FileOutcome(
    LogFile file,
    long records,
    long events,
    long filtered,
    List<Reject> rejects,
    Set<LocalDate> eventDates,
    boolean readable)
    implements Serializable {

  /** A file that could not be read at all (gone, forbidden, network): retried by the next run. */
  public static FileOutcome unreadable(LogFile file, String why) {
    Reject r = new Reject(file.uri(), -1, 0, "cannot read the file: " + why, "");
    return new FileOutcome(file, 1, 0, 0, List.of(r), Set.of(), false);
  }

  public boolean balanced() {
    return records == events + filtered + rejects.size();
  }
}
