package dev.trailhouse.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trailhouse.config.TrailhouseException;
import org.junit.jupiter.api.Test;

/** The Delta version guard: what it accepts, and the exact message of what it refuses. */
class DeltaVersionTest {
  @Test
  void theDeltaTheTestsRunOnIsSupported() {
    assertEquals("3.3.2", DeltaVersion.found());
    DeltaVersion.require();
  }

  @Test
  void aVendorBuildOfASupportedReleaseIsAccepted() {
    DeltaVersion.check("3.3.2");
    DeltaVersion.check("3.3.2-amzn-0");
  }

  @Test
  void anotherReleaseFailsWithUsageNamingTheVersionsAndEmrReleases() {
    TrailhouseException e =
        assertThrows(TrailhouseException.class, () -> DeltaVersion.check("3.2.1"));
    assertEquals(TrailhouseException.Kind.USAGE, e.kind());
    assertEquals(2, e.kind().exitCode());
    assertEquals(
        "Delta 3.2.1 is on the classpath, but this Trailhouse build supports only Delta 3.3.2 (shipped by "
            + "EMR 7.11, 7.12 and 7.13). On EMR, run a release that ships a supported Delta and enable it with the "
            + "delta-defaults classification (delta.enabled=true, see conf/emr/configurations.json); elsewhere give "
            + "spark-submit a supported Delta's delta-spark_2.12 and delta-storage jars with --jars.",
        e.getMessage());
    assertThrows(TrailhouseException.class, () -> DeltaVersion.check("3.3.3"));
    assertThrows(TrailhouseException.class, () -> DeltaVersion.check("3.3"));
  }

  @Test
  void noDeltaAtAllIsNamedAsSuch() {
    TrailhouseException e =
        assertThrows(TrailhouseException.class, () -> DeltaVersion.check(DeltaVersion.NONE));
    assertEquals(
        "No Delta is on the classpath, but this Trailhouse build supports only Delta 3.3.2 (shipped by "
            + "EMR 7.11, 7.12 and 7.13). On EMR, run a release that ships a supported Delta and enable it with the "
            + "delta-defaults classification (delta.enabled=true, see conf/emr/configurations.json); elsewhere give "
            + "spark-submit a supported Delta's delta-spark_2.12 and delta-storage jars with --jars.",
        e.getMessage());
  }
}
