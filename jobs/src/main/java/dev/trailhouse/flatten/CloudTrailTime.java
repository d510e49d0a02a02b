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
  private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private CloudTrailTime() {}

  /**
   * Parses {@code 2019-08-15T06:40:55Z}, with fractions or offsets ({@code +02:00}), the export
   * form {@code 2025-03-26 16:43:57.000000000} (UTC), and the basic form {@code 20131102T010628Z}.
   *
   * @return the instant, or null when the text is none of these
   */
  public static Instant parse(String s) {
    if (s == null) {
      return null;
    }
    Instant t = fast(s);
    if (t == null) {
      t = general(s);
    }
    // Years 1 to 9999 only: what a timestamp column can hold and show (and no overflow in
    // microseconds).
    return t == null || t.isBefore(MIN) || t.isAfter(MAX) ? null : t;
  }

  private static Instant general(String s) {
    String t = s.trim();
    try {
      if (t.length() > 10 && t.charAt(10) == ' ') {
        String body = t;
        ZoneOffset zone = ZoneOffset.UTC;
        if (body.endsWith("Z") || body.endsWith(" UTC")) {
          body =
              body.endsWith("Z")
                  ? body.substring(0, body.length() - 1)
                  : body.substring(0, body.length() - 4);
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

  /** Not a time: what {@link #fastSeconds} returns for anything but the common form. */
  public static final long NONE = Long.MIN_VALUE;

  /**
   * Epoch seconds of the common form {@code yyyy-MM-ddTHH:mm:ssZ} in UTF-8 bytes, or {@link #NONE}
   * (then {@link #parse} on the text decides); agrees with {@link #parse} wherever it answers.
   */
  public static long fastSeconds(byte[] b, int off, int len) {
    if (len != 20
        || b[off + 4] != '-'
        || b[off + 7] != '-'
        || b[off + 10] != 'T'
        || b[off + 13] != ':'
        || b[off + 16] != ':'
        || b[off + 19] != 'Z') {
      return NONE;
    }
    int y = digits(b, off, 4);
    int mo = digits(b, off + 5, 2);
    int d = digits(b, off + 8, 2);
    int h = digits(b, off + 11, 2);
    int mi = digits(b, off + 14, 2);
    int se = digits(b, off + 17, 2);
    if (y < 1
        || mo < 1
        || mo > 12
        || d < 1
        || d > 28 && d > java.time.YearMonth.of(y, mo).lengthOfMonth()
        || h < 0
        || h > 23
        || mi < 0
        || mi > 59
        || se < 0
        || se > 59) {
      return NONE;
    }
    return LocalDate.of(y, mo, d).toEpochDay() * 86_400L + h * 3600L + mi * 60L + se;
  }

  private static int digits(byte[] b, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      v = v * 10 + c;
    }
    return v;
  }

  /** The UTC day of an instant. */
  public static LocalDate utcDay(Instant t) {
    return LocalDate.ofEpochDay(Math.floorDiv(t.getEpochSecond(), 86_400L));
  }

  private static String normalizeOffset(String t) {
    int n = t.length();
    if (n > 5
        && (t.charAt(n - 5) == '+' || t.charAt(n - 5) == '-')
        && Character.isDigit(t.charAt(n - 1))) {
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
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59
        || se < 0 || se > 59) {
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
