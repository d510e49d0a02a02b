package dev.trailhouse.report;

import dev.trailhouse.table.Column;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code changes_daily}: every call that changes something in the Connect family, failed ones too.
 */
public final class ChangesDailyTable {
  public static final String NAME = dev.trailhouse.table.Tables.CHANGES_DAILY;

  public static final List<Column> COLUMNS =
      List.of(
          new Column(
              "report_date", DataTypes.DateType, "The UTC day reported; the partition column."),
          new Column("event_id", DataTypes.StringType, "events.event_id."),
          new Column("event_time", DataTypes.TimestampType, "When."),
          new Column("actor", DataTypes.StringType, "Who."),
          new Column("identity_type", DataTypes.StringType, "userIdentity.type."),
          new Column("event_source", DataTypes.StringType, "The service."),
          new Column("event_name", DataTypes.StringType, "The API."),
          new Column(
              "action",
              DataTypes.StringType,
              "create, update, delete, associate, disassociate, tag, untag, start, stop or other, from the API name."),
          new Column(
              "change_kind",
              DataTypes.StringType,
              "configuration (instance settings and resources) or contact (operations on live contacts)."),
          new Column(
              "resource_type",
              DataTypes.StringType,
              "The resource the call acts on, kebab-case: user, queue, routing-profile, contact-flow, phone-number, contact, domain, ..."),
          new Column(
              "resource_id",
              DataTypes.StringType,
              "Its id: from the request, or the response for a Create; null when the call does not carry it."),
          new Column("connect_instance_id", DataTypes.StringType, "The Connect instance."),
          new Column("succeeded", DataTypes.BooleanType, "No error_code."),
          new Column("error_code", DataTypes.StringType, "Why it failed."),
          new Column("error_message", DataTypes.StringType, "The error message."),
          new Column("source_ip_address", DataTypes.StringType, "From where."),
          new Column("user_agent", DataTypes.StringType, "With what (attacker-controlled text)."),
          new Column(
              "request_parameters",
              DataTypes.StringType,
              "The request's parameters as the original JSON text."));

  public static final StructType SCHEMA = Column.schema(COLUMNS);

  /**
   * Columns Delta keeps min/max statistics on: the ones analysts filter changes by. By default
   * Delta takes the first 32 columns (all of these 18), and its statistics of the long text ones
   * (the request, the user agent, the error message) cost about 7% of a report's CPU on the
   * benchmark day for no file skipping.
   */
  public static final List<String> STATS_COLUMNS =
      List.of(
          "event_time",
          "actor",
          "event_name",
          "resource_type",
          "resource_id",
          "connect_instance_id");

  /** Table properties the table is created with. */
  public static final java.util.Map<String, String> PROPERTIES =
      dev.trailhouse.table.Tables.statsColumns(STATS_COLUMNS);

  private ChangesDailyTable() {}
}
