package dev.trailhouse.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.trailhouse.TestSpark;
import dev.trailhouse.config.TrailhouseException;
import dev.trailhouse.table.EventsTable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events table's protocol: a Delta table feature our own file writer does not honour is refused
 * with the fix.
 */
class TableFeaturesTest {
  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  @Test
  void rowTrackingIsRefusedNamingTheFeatureAndTheFix() {
    String path = "file:" + dir.resolve("events");
    Map<String, String> properties = new HashMap<>(EventsTable.PROPERTIES);
    properties.put("delta.enableRowTracking", "true");
    DeltaTables.ensure(spark, path, EventsTable.SCHEMA, properties, EventsTable.EVENT_DATE);
    TrailhouseException e =
        assertThrows(
            TrailhouseException.class,
            () -> EventsCommit.begin(spark, path, Set.of(LocalDate.of(2025, 3, 24))));
    assertEquals(
        "The events table at "
            + path
            + " uses the Delta table feature(s) domainMetadata, rowTracking, which "
            + "Trailhouse's own data-file writer does not support (it supports appendOnly, changeDataFeed, "
            + "checkConstraints, columnMapping, deletionVectors, generatedColumns, identityColumns, invariants, "
            + "timestampNtz, v2Checkpoint, vacuumProtocolCheck). Point warehouse at a new folder, or remove each of them "
            + "with ALTER TABLE delta.`"
            + path
            + "` DROP FEATURE <feature> (where Delta can drop it).",
        e.getMessage());
    assertEquals(2, e.kind().exitCode());
  }

  @Test
  void aTableAsEnsureCreatesItIsAccepted() {
    String path = "file:" + dir.resolve("plain");
    EventsCommit c = EventsCommit.begin(spark, path, Set.of(LocalDate.of(2025, 3, 24)));
    assertEquals(0, c.readVersion());
  }
}
