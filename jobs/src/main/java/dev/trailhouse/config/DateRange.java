package dev.trailhouse.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** An inclusive range of UTC days, always given explicitly on the command line. */
public record DateRange(LocalDate from, LocalDate to) {
  public DateRange {
    if (from.isAfter(to)) {
      throw Errors.badRange(from.toString(), to.toString());
    }
  }

  public static DateRange parse(String from, String to) {
    return new DateRange(date("--from", from), date("--to", to));
  }

  public static LocalDate date(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Errors.badDate(option, value);
    }
  }

  /** The days of the range followed by {@code extra} later days. */
  public List<LocalDate> days(int extra) {
    List<LocalDate> out = new ArrayList<>();
    for (LocalDate d = from; !d.isAfter(to.plusDays(extra)); d = d.plusDays(1)) {
      out.add(d);
    }
    return out;
  }

  public List<LocalDate> days() {
    return days(0);
  }
}
