package dev.trailhouse.write;

import java.util.List;

/** Every table Trailhouse writes under the warehouse, by name (the folder name and the SQL name). */
public final class Tables {
  public static final List<String> NAMES =
      List.of(
          EventsTable.NAME,
          RejectsTable.NAME,
          IngestedFilesTable.NAME,
          IngestRunsTable.NAME,
          "access_daily",
          "changes_daily",
          "verification");

  private Tables() {}
}
