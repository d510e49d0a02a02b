package dev.trailhouse.flatten;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Whether an event's time can be real: CloudTrail began in November 2013, and a file cannot hold an
 * event from more than a day after the UTC day it was delivered. One impossible time (say
 * 2262-04-12) gives its data file {@code event_time} statistics that break readers (Delta Kernel's
 * filtered scans overflow), so such a record is rejected and its neighbours kept.
 */
public final class PlausibleTime {
  /** The first day CloudTrail could have recorded an event. */
  public static final LocalDate EARLIEST_DAY = LocalDate.of(2013, 11, 1);

  private static final long EARLIEST = micros(EARLIEST_DAY);
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private PlausibleTime() {}

  /**
   * Why {@code eventMicros} (microseconds since the epoch) is impossible for a file delivered on
   * {@code deliveryDay} (null: no upper bound), or null when it is plausible.
   */
  public static String problem(long eventMicros, LocalDate deliveryDay) {
    if (eventMicros < EARLIEST) {
      return "eventTime "
          + text(eventMicros)
          + " is before "
          + EARLIEST_DAY
          + ", when CloudTrail did not yet exist";
    }
    // The delivery day ends at the start of the next day; one more day of slack covers clock skew.
    if (deliveryDay != null && eventMicros > micros(deliveryDay) + 2 * MICROS_PER_DAY) {
      return "eventTime "
          + text(eventMicros)
          + " is more than a day after the file's delivery day "
          + deliveryDay;
    }
    return null;
  }

  private static long micros(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000L;
  }

  private static String text(long micros) {
    return Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L)
        .toString();
  }
}
