package dev.trailhouse.read;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudTrail's S3 layout, as pure functions over keys: what kind of object a key is, and which
 * account, region and delivery day it belongs to. No I/O.
 */
public final class TrailLayout {
  /** What an object under the trail prefix is. */
  public enum Kind {
    EVENTS,
    DIGEST,
    INSIGHT,
    OTHER
  }

  /** Account id, 12 digits. */
  public static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /**
   * CloudTrail's form of an organization id, e.g. o-a1b2c3d4e5 (other folder names are read too).
   */
  public static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

  /**
   * Any {@code .json} or {@code .json.gz} object in a CloudTrail day folder, in the account layout
   * or under any organization folder (its id need not look like {@code o-...}): the content
   * decides.
   */
  private static final Pattern LOG_FILE =
      Pattern.compile(
          "(?:.*/)?AWSLogs/(?:([^/]+)/)?(\\d{12})/CloudTrail/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/"
              + "([^/]+)\\.json(\\.gz)?$");

  /** CloudTrail's own name for a log file. */
  private static final Pattern STANDARD_NAME =
      Pattern.compile(
          "(\\d{12})_CloudTrail_([a-z0-9-]+)_(\\d{8})T(\\d{4})Z_[A-Za-z0-9]+\\.json(\\.gz)?");

  private static final Pattern DIGEST_FILE =
      Pattern.compile(
          "(?:.*/)?AWSLogs/(?:([^/]+)/)?(\\d{12})/CloudTrail-Digest/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/"
              + "(\\d{12})_CloudTrail-Digest_[^/]+\\.json\\.gz$");

  private TrailLayout() {}

  /** The account, region and delivery day of a digest file, if the key is one. */
  public static Optional<Location> locateDigest(String key) {
    Matcher m = DIGEST_FILE.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDate day =
          LocalDate.of(
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)));
      return Optional.of(
          new Location(Optional.ofNullable(m.group(1)), m.group(2), m.group(3), day));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** The key from {@code AWSLogs/} on, so URIs with different buckets or prefixes compare equal. */
  public static String relativeKey(String uriOrKey) {
    int i = uriOrKey.indexOf("AWSLogs/");
    return i < 0 ? uriOrKey : uriOrKey.substring(i);
  }

  /** Where a listed event file came from. */
  public record Location(
      Optional<String> organizationId, String accountId, String region, LocalDate deliveryDate) {}

  /** The kind of object a key names. */
  public static Kind kind(String key) {
    if (key.contains("/CloudTrail-Digest/")) {
      return Kind.DIGEST;
    }
    if (key.contains("/CloudTrail-Insight/")) {
      return Kind.INSIGHT;
    }
    return LOG_FILE.matcher(key).matches() ? Kind.EVENTS : Kind.OTHER;
  }

  /**
   * The account, region and delivery day (from the folders) of an event file, if the key is one:
   * any {@code .json} or {@code .json.gz} object in a CloudTrail day folder, whatever its name.
   */
  public static Optional<Location> locate(String key) {
    Matcher m = LOG_FILE.matcher(key);
    if (!m.matches()) {
      return Optional.empty();
    }
    LocalDate day;
    try {
      day =
          LocalDate.of(
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
    return Optional.of(new Location(Optional.ofNullable(m.group(1)), m.group(2), m.group(3), day));
  }

  /** Whether a log file's name (the last part of its key) is CloudTrail's standard one. */
  public static boolean isStandardName(String key) {
    return STANDARD_NAME.matcher(key.substring(key.lastIndexOf('/') + 1)).matches();
  }

  /** The relative day folder {@code yyyy/mm/dd} of a day. */
  public static String dayFolder(LocalDate day) {
    return String.format("%04d/%02d/%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  public static boolean isAccount(String name) {
    return ACCOUNT.matcher(name).matches();
  }

  public static boolean isOrganization(String name) {
    return ORGANIZATION.matcher(name).matches();
  }

  public static boolean isRegion(String name) {
    return REGION.matcher(name).matches();
  }
}
