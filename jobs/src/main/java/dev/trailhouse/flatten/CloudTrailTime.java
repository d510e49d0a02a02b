package dev.trailhouse.flatten;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/** Parses the timestamp formats CloudTrail and its exports use. All results are UTC instants. */
public final class CloudTrailTime {
  private static final DateTimeFormatter SPACED =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();
  private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX");

  private CloudTrailTime() {}

  /**
   * Parses {@code 2019-08-15T06:40:55Z}, with fractions or offsets ({@code +02:00}), the export form
   * {@code 2025-03-26 16:43:57.000000000} (UTC), and the basic form {@code 20131102T010628Z}.
   *
   * @return the instant, or null when the text is none of these
   */
  public static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    Instant fast = fast(s);
    if (fast != null) {
      return fast;
    }
    String t = s.trim();
    try {
      if (t.length() > 10 && t.charAt(10) == ' ') {
        String body = t;
        ZoneOffset zone = ZoneOffset.UTC;
        if (body.endsWith("Z") || body.endsWith(" UTC")) {
          body = body.endsWith("Z") ? body.substring(0, body.length() - 1) : body.substring(0, body.length() - 4);
        }
        return LocalDateTime.parse(body, SPACED).toInstant(zone);
      }
      if (t.length() == 16 && t.charAt(8) == 'T') {
        return OffsetDateTime.parse(t, BASIC).toInstant();
      }
      if (t.length() > 10 && t.charAt(10) == 'T') {
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
          return OffsetDateTime.parse(normalizeOffset(t)).toInstant();
        }
        return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }

  /** The UTC day of an instant. */
  public static LocalDate utcDay(Instant t) {
    return LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400L));
  }

  private static String normalizeOffset(String t) {
    int n = t.length();
    if (n > 5 && (t.charAt(n - 5) == '+' || t.charAt(n - 5) == '-') && Character.isDigit(t.charAt(n - 1))) {
      return t.substring(0, n - 2) + ":" + t.substring(n - 2);
    }
    return t;
  }

  /** The common form yyyy-MM-ddTHH:mm:ssZ, parsed without allocation-heavy formatters. */
  private static Instant fast(String s) {
    if (s.length() != 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != 'Z') {
      return null;
    }
    int y = digits(s, 0, 4);
    int mo = digits(s, 5, 2);
    int d = digits(s, 8, 2);
    int h = digits(s, 11, 2);
    int mi = digits(s, 14, 2);
    int se = digits(s, 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) {
      return null;
    }
    try {
      long day = LocalDate.of(y, mo, d).toEpochDay();
      return Instant.ofEpochSecond(day * 86_400L + h * 3600L + mi * 60L + se);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
