package dev.trailhouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.TestSpark;
import dev.trailhouse.TrailFixture;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.write.Maintenance;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With catalog.database set, the tables are queryable by name; maintenance keeps the rows. */
class CatalogTest {
  @TempDir Path dir;
  private final SparkSession spark = TestSpark.session();

  @Test
  void tablesAreRegisteredAndMaintained() {
    LocalDate day = LocalDate.of(2025, 3, 24);
    TrailFixture t = new TrailFixture(dir.resolve("trail"));
    t.file(
        null,
        "111122223333",
        "us-east-1",
        day,
        TrailFixture.events("e", 5, "2025-03-24T10:00:00Z"));
    t.file(
        null,
        "111122223333",
        "us-east-1",
        day,
        TrailFixture.events("f", 3, "2025-03-24T11:00:00Z"));
    Config c =
        ConfigLoader.load(
            null,
            List.of(
                "input=" + dir.resolve("trail"),
                "warehouse=" + dir.resolve("wh"),
                "catalog.database=trail_test"));
    new Ingest(spark, c, Clock.systemUTC())
        .run(new DateRange(day, day), Ingest.Mode.NEW_FILES, "r1", "test");
    Catalog.register(spark, c);
    Catalog.register(spark, c);
    assertEquals(8L, spark.sql("SELECT count(*) FROM trail_test.events").first().getLong(0));
    assertEquals(1L, spark.sql("SELECT count(*) FROM trail_test.ingest_runs").first().getLong(0));
    Maintenance.maintain(spark, "events", c.table("events"), 168, Maintenance.Retention.SAFE);
    assertEquals(
        8L, spark.sql("SELECT count(DISTINCT event_id) FROM trail_test.events").first().getLong(0));
    spark.sql("DROP DATABASE trail_test CASCADE");
  }
}
