package dev.trailhouse.write;

import dev.trailhouse.config.Errors;
import dev.trailhouse.table.EventsTable;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** OPTIMIZE (with Z-order on the columns analysts filter by) and VACUUM of the warehouse tables. */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  /** Delta's own safe minimum for VACUUM retention (7 days). */
  public static final int SAFE_RETENTION_HOURS = 168;

  /** Z-order columns per table; tables not listed are compacted only. */
  public static final Map<String, List<String>> ZORDER =
      Map.of(
          EventsTable.NAME,
              List.of(EventsTable.EVENT_SOURCE, EventsTable.EVENT_NAME, EventsTable.ACTOR),
          dev.trailhouse.table.Tables.ACCESS_DAILY, List.of("actor"),
          dev.trailhouse.table.Tables.CHANGES_DAILY, List.of("resource_type", "actor"));

  /** Whether VACUUM may go below the safe retention. */
  public enum Retention {
    SAFE,
    FORCED
  }

  private Maintenance() {}

  /** Checks the retention before any work: below 168 hours needs maintain.force. */
  public static void checkRetention(int hours, Retention retention) {
    if (hours < SAFE_RETENTION_HOURS && retention != Retention.FORCED) {
      throw Errors.badValue(
          "maintain.vacuum_retention_hours",
          hours,
          "VACUUM below "
              + SAFE_RETENTION_HOURS
              + " hours can delete files a running reader or a time-travel query "
              + "still needs; raise it, or also set maintain.force=true if you accept that");
    }
  }

  /** Optimizes and vacuums one table; returns a short description of what was done. */
  public static String maintain(
      SparkSession spark, String name, String path, int retentionHours, Retention retention) {
    DeltaTable table = DeltaTable.forPath(spark, path);
    List<String> zorder = ZORDER.get(name);
    if (zorder == null) {
      table.optimize().executeCompaction();
    } else {
      table.optimize().executeZOrderBy(zorder.toArray(new String[0]));
    }
    String key = "spark.databricks.delta.retentionDurationCheck.enabled";
    if (retention == Retention.FORCED) {
      spark.conf().set(key, "false");
    }
    try {
      table.vacuum(retentionHours);
    } finally {
      spark.conf().unset(key);
    }
    LOG.info(
        "Maintained {}: optimized{}, vacuumed files older than {} hours",
        name,
        zorder == null ? "" : " with Z-order " + zorder,
        retentionHours);
    return name + (zorder == null ? " compacted" : " z-ordered " + zorder);
  }
}
