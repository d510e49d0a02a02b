package dev.trailhouse.ledger;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Set;

/**
 * What reading one file gave: every record unit it held is counted exactly once as an event, a
 * filtered event or a reject ({@code records == events + filtered + rejected}). The rejects
 * themselves went to the read task's reject file, not here: a file of a million bad records brings
 * the driver one count.
 *
 * @param records record units read: elements of Records, plus one per unreadable file or damaged
 *     tail
 * @param events rows emitted
 * @param filtered events dropped by the {@code sources} filter
 * @param rejected records (or the file, or its damaged tail) rejected
 * @param eventDates the UTC days of the emitted events
 * @param readable false when the file could not be read (it is not recorded as ingested)
 */
public record FileOutcome(
    LogFile file,
    long records,
    long events,
    long filtered,
    long rejected,
    Set<LocalDate> eventDates,
    boolean readable)
    implements Serializable {

  /** A file that could not be read at all (gone, forbidden, network): retried by the next run. */
  public static FileOutcome unreadable(LogFile file) {
    return new FileOutcome(file, 1, 0, 0, 1, Set.of(), false);
  }

  /**
   * The reject of a file that could not be read at all: {@code record_index} and {@code
   * byte_offset} -1.
   */
  public static Reject unreadableReject(LogFile file, String why) {
    return new Reject(file.uri(), -1, Reject.UNREAD, "cannot read the file: " + why, "");
  }

  public boolean balanced() {
    return records == events + filtered + rejected;
  }
}
