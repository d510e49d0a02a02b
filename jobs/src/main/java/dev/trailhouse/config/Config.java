package dev.trailhouse.config;

import java.util.List;
import java.util.Map;

/**
 * The effective configuration of a run: typed, immutable and validated by {@link ConfigLoader}.
 * Locations are absolute URIs (local paths resolved against the config file's folder).
 */
public record Config(
    String input,
    String warehouse,
    String reports,
    List<String> accounts,
    List<String> regions,
    List<String> sources,
    int latenessDays,
    int ingestParallelism,
    int listingThreads,
    int partitionMb,
    List<String> reportSources,
    int baselineDays,
    int maxUserAgents,
    String s3Endpoint,
    boolean s3PathStyleAccess,
    String s3Region,
    S3Budget s3Budget,
    String catalogDatabase,
    int vacuumRetentionHours,
    boolean maintainForce,
    String verifyPublicKeys,
    String verifyBucket,
    String findingsRulesFile,
    List<String> findingsDisabledRules,
    Map<String, Integer> findingsThresholds,
    List<String> findingsAllowActors,
    List<String> findingsAllowIps,
    Map<String, String> sparkSettings,
    Map<String, String> effective) {

  public Config {
    accounts = List.copyOf(accounts);
    regions = List.copyOf(regions);
    sources = List.copyOf(sources);
    reportSources = List.copyOf(reportSources);
    findingsDisabledRules = List.copyOf(findingsDisabledRules);
    findingsThresholds = Map.copyOf(findingsThresholds);
    findingsAllowActors = List.copyOf(findingsAllowActors);
    findingsAllowIps = List.copyOf(findingsAllowIps);
    sparkSettings = Map.copyOf(sparkSettings);
    effective = Map.copyOf(effective);
  }

  /** The reports root, or a usage error naming the key when it is not set. */
  public String requireReports() {
    if (reports == null) {
      throw Errors.missingKey(ConfigKey.REPORTS.key(), "the folder report files are written to");
    }
    return reports;
  }

  /** The path of a table under the warehouse. */
  public String table(String name) {
    return warehouse.endsWith("/") ? warehouse + name : warehouse + "/" + name;
  }
}
