package dev.trailhouse.report;

import dev.trailhouse.table.Column;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code access_daily}: who called which API of the Connect family, per day. */
public final class AccessDailyTable {
  public static final String NAME = dev.trailhouse.table.Tables.ACCESS_DAILY;
  public static final String REPORT_DATE = "report_date";
  public static final String ACTOR = "actor";

  private static final org.apache.spark.sql.types.DataType STRINGS =
      DataTypes.createArrayType(DataTypes.StringType, true);

  public static final List<Column> COLUMNS =
      List.of(
          new Column(
              REPORT_DATE, DataTypes.DateType, "The UTC day reported; the partition column."),
          new Column(
              ACTOR,
              DataTypes.StringType,
              "Who called (events.actor; `(unknown)` when the event names nobody)."),
          new Column(
              "event_source", DataTypes.StringType, "The service, e.g. connect.amazonaws.com."),
          new Column("event_name", DataTypes.StringType, "The API."),
          new Column(
              "identity_type",
              DataTypes.StringType,
              "userIdentity.type of the actor's calls (the greatest when several)."),
          new Column("calls", DataTypes.LongType, "Calls that day."),
          new Column("read_calls", DataTypes.LongType, "Calls with read_only true."),
          new Column("write_calls", DataTypes.LongType, "Calls with read_only false."),
          new Column("error_calls", DataTypes.LongType, "Calls with an error_code."),
          new Column(
              "access_denied_calls",
              DataTypes.LongType,
              "Calls whose error_code contains AccessDenied, Unauthorized or Forbidden."),
          new Column("source_ips", STRINGS, "Distinct source IPs, sorted."),
          new Column(
              "user_agents",
              STRINGS,
              "Distinct user agents, sorted, at most report.max_user_agents."),
          new Column("connect_instance_ids", STRINGS, "Distinct Connect instance ids, sorted."),
          new Column("first_seen", DataTypes.TimestampType, "First call that day."),
          new Column("last_seen", DataTypes.TimestampType, "Last call that day."),
          new Column(
              "new_actor",
              DataTypes.BooleanType,
              "The actor made no call to these services in the previous report.baseline_days days."),
          new Column(
              "new_source_ips",
              STRINGS,
              "Source IPs of this row not seen for this actor in the baseline, sorted."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  private AccessDailyTable() {}
}
