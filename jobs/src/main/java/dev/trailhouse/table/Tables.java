package dev.trailhouse.table;

import java.util.List;
import java.util.Map;

/**
 * Every table Trailhouse writes under the warehouse, by name (the folder name and the SQL name).
 * Each table's own class takes its {@code NAME} from here, so no package repeats a name as text.
 */
public final class Tables {
  public static final String EVENTS = "events";
  public static final String REJECTS = "rejects";
  public static final String INGESTED_FILES = "ingested_files";
  public static final String INGEST_RUNS = "ingest_runs";
  public static final String ACCESS_DAILY = "access_daily";
  public static final String CHANGES_DAILY = "changes_daily";
  public static final String VERIFICATION = "verification";
  public static final String COMMAND_RUNS = "command_runs";
  public static final String FINDINGS = "findings";

  public static final List<String> NAMES =
      List.of(
          EVENTS,
          REJECTS,
          INGESTED_FILES,
          INGEST_RUNS,
          ACCESS_DAILY,
          CHANGES_DAILY,
          VERIFICATION,
          COMMAND_RUNS,
          FINDINGS);

  private Tables() {}

  /** The table property that keeps Delta's file statistics on {@code columns} only. */
  public static Map<String, String> statsColumns(List<String> columns) {
    return Map.of("delta.dataSkippingStatsColumns", String.join(",", columns));
  }
}
