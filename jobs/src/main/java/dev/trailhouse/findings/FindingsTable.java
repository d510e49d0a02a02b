package dev.trailhouse.findings;

import dev.trailhouse.table.Column;
import dev.trailhouse.table.Tables;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** {@code findings}: what needs a human, one row per finding of a detection rule, per day. */
public final class FindingsTable {
  public static final String NAME = Tables.FINDINGS;
  public static final String REPORT_DATE = "report_date";
  public static final String RULE_ID = "rule_id";
  public static final String SEVERITY = "severity";
  public static final String TITLE = "title";
  public static final String ATTACK = "attack";
  public static final String ACTOR = "actor";
  public static final String CONNECT_INSTANCE_ID = "connect_instance_id";
  public static final String FIRST_SEEN = "first_seen";
  public static final String LAST_SEEN = "last_seen";
  public static final String EVENT_IDS = "event_ids";
  public static final String DETAILS = "details";

  public static final List<Column> COLUMNS =
      List.of(
          new Column(
              REPORT_DATE, DataTypes.DateType, "The UTC day reported; the partition column."),
          new Column(
              RULE_ID,
              DataTypes.StringType,
              "The rule that fired, e.g. connect-storage-config-changed (docs/findings.md)."),
          new Column(
              SEVERITY,
              DataTypes.StringType,
              "critical, high, medium, low or info, from the rule."),
          new Column(TITLE, DataTypes.StringType, "The rule's title."),
          new Column(
              ATTACK,
              DataTypes.StringType,
              "The MITRE ATT&CK technique the rule points to, e.g. T1098 Account Manipulation; null when none fits."),
          new Column(
              ACTOR,
              DataTypes.StringType,
              "Who (events.actor; `(unknown)` when the event names nobody)."),
          new Column(
              CONNECT_INSTANCE_ID,
              DataTypes.StringType,
              "The Connect instance, when the finding's events name exactly one."),
          new Column(FIRST_SEEN, DataTypes.TimestampType, "Time of the finding's first event."),
          new Column(LAST_SEEN, DataTypes.TimestampType, "Time of its last event."),
          new Column(
              EVENT_IDS,
              DataTypes.createArrayType(DataTypes.StringType, true),
              "events.event_id of the events that support it, sorted."),
          new Column(
              DETAILS,
              DataTypes.StringType,
              "What matched, as JSON: events, event_names, source_ips, error_codes; min_count (threshold rules), new_values (new-value rules), connect_instance_ids."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  private FindingsTable() {}
}
