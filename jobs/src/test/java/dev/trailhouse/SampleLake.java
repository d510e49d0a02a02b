package dev.trailhouse;

import dev.trailhouse.cli.SharedViews;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.table.Tables;
import dev.trailhouse.write.IngestSummary;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;

/**
 * The tables built once per test JVM from the committed sample trail (test-data/trail): ingest of
 * its days, then the reports. Tests that read the sample lake share it; none may write to it.
 */
public final class SampleLake {
  public static final LocalDate FIRST = LocalDate.of(2025, 3, 24);
  public static final LocalDate LAST = LocalDate.of(2025, 3, 26);

  private static Config config;
  private static IngestSummary firstRun;

  private SampleLake() {}

  /** The shared session with the sample lake's tables and the shared views registered. */
  public static synchronized SparkSession session() {
    SparkSession spark = TestSpark.session();
    if (config == null) {
      try {
        Path dir = Files.createTempDirectory("trailhouse-sample-lake");
        config =
            ConfigLoader.load(
                null,
                List.of(
                    "input=" + Repo.sampleTrail(),
                    "warehouse=" + dir.resolve("warehouse"),
                    "reports=" + dir.resolve("reports")));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      firstRun =
          new Ingest(spark, config, Clock.systemUTC())
              .run(new DateRange(FIRST, LAST), Ingest.Mode.NEW_FILES, "sample-lake", "sample lake");
      SampleReports.build(spark, config, FIRST, LAST);
    }
    for (String table : Tables.NAMES) {
      String path = config.table(table);
      if (DeltaTable.isDeltaTable(spark, path)) {
        spark.read().format("delta").load(path).createOrReplaceTempView(table);
      }
    }
    SharedViews.register(spark);
    return spark;
  }

  public static Config config() {
    session();
    return config;
  }

  public static IngestSummary firstRun() {
    session();
    return firstRun;
  }
}
