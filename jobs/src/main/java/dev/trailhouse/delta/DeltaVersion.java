package dev.trailhouse.delta;

import dev.trailhouse.config.Errors;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Delta on the classpath must be one this build was compiled and tested against: the ingest
 * commits through Delta's internal classes ({@link DeltaAdapter}), whose shape changes between
 * releases. Checked at job start, before Spark starts.
 */
public final class DeltaVersion {
  /** The Delta versions built and tested against, each with the EMR releases that ship it. */
  static final Map<String, String> SUPPORTED = supported();

  /** What {@link #found()} returns when no Delta is on the classpath. */
  static final String NONE = "none";

  private DeltaVersion() {}

  private static Map<String, String> supported() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("3.3.2", "EMR 7.11, 7.12 and 7.13");
    return m;
  }

  /** Fails with exit 2 unless the Delta on the classpath is a supported one. */
  public static void require() {
    check(found());
  }

  /**
   * Fails with exit 2 unless {@code found} is a supported version (a vendor build such as
   * 3.3.2-amzn-0 counts as 3.3.2).
   */
  static void check(String found) {
    if (!SUPPORTED.containsKey(release(found))) {
      StringBuilder supported = new StringBuilder();
      for (Map.Entry<String, String> e : SUPPORTED.entrySet()) {
        supported
            .append(supported.length() == 0 ? "" : "; ")
            .append(e.getKey())
            .append(" (shipped by ")
            .append(e.getValue())
            .append(')');
      }
      throw Errors.unsupportedDelta(NONE.equals(found) ? null : found, supported.toString());
    }
  }

  /** {@code 3.3.2} of {@code 3.3.2-amzn-0}. */
  static String release(String version) {
    int dash = version.indexOf('-');
    return dash < 0 ? version : version.substring(0, dash);
  }

  /** Delta's own version constant ({@code io.delta.VERSION}), or {@value #NONE} without Delta. */
  public static String found() {
    try {
      // io.delta.package cannot be named in Java source ("package" is a keyword).
      return (String) Class.forName("io.delta.package").getMethod("VERSION").invoke(null);
    } catch (ClassNotFoundException e) {
      return NONE;
    } catch (ReflectiveOperationException | LinkageError e) {
      throw Errors.run("Cannot read the version of the Delta on the classpath: " + e, e);
    }
  }
}
