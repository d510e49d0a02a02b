package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigKey;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.table.Tables;
import dev.trailhouse.write.Maintenance;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;

/** {@code trailhouse maintain}: OPTIMIZE / Z-order and VACUUM every table in the warehouse. */
final class MaintainCommand implements Command {
  private static final Set<String> VALUES = Set.of();
  private static final Set<String> FLAGS = Set.of();

  @Override
  public String name() {
    return "maintain";
  }

  @Override
  public String summary() {
    return "compact and Z-order the tables, VACUUM old files (retention from config)";
  }

  @Override
  public String help() {
    return "Usage: trailhouse maintain [--conf FILE] [--set key=value]...\n\n"
        + "OPTIMIZE every table (Z-order: events by event_source, event_name, actor; changes_daily by resource_type,\n"
        + "actor; access_daily by actor), then VACUUM files older than "
        + ConfigKey.MAINTAIN_VACUUM_RETENTION_HOURS.key()
        + " (default "
        + ConfigKey.MAINTAIN_VACUUM_RETENTION_HOURS.defaultValue()
        + ",\n"
        + "Delta's safe minimum; lower values need "
        + ConfigKey.MAINTAIN_FORCE.key()
        + "=true).\n\n"
        + CommonOptions.HELP;
  }

  @Override
  public Set<String> options() {
    return Args.union(VALUES, FLAGS);
  }

  @Override
  public int run(String[] argv) {
    Args args = Args.parse(name(), argv, VALUES, FLAGS);
    Config config = CommonOptions.config(args);
    Maintenance.Retention retention =
        config.maintainForce() ? Maintenance.Retention.FORCED : Maintenance.Retention.SAFE;
    Maintenance.checkRetention(config.vacuumRetentionHours(), retention);
    SparkSession spark = Sessions.create(config, name());
    String arguments = name() + " " + String.join(" ", ConfigLoader.maskArgs(Arrays.asList(argv)));
    return RunLedger.run(
        spark,
        config,
        name(),
        UUID.randomUUID().toString(),
        arguments,
        () -> new RunLedger.Ending(maintain(spark, config, retention), null));
  }

  private static int maintain(SparkSession spark, Config config, Maintenance.Retention retention) {
    long start = System.nanoTime();
    List<String> done = new ArrayList<>();
    for (String table : Tables.NAMES) {
      String path = config.table(table);
      if (DeltaTable.isDeltaTable(spark, path)) {
        done.add(
            Maintenance.maintain(spark, table, path, config.vacuumRetentionHours(), retention));
      }
    }
    System.out.printf(
        "trailhouse maintain succeeded: %d tables (%s), vacuum retention %d h | %.1fs%n",
        done.size(),
        String.join("; ", done),
        config.vacuumRetentionHours(),
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
