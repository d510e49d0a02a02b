package dev.trailhouse.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.Repo;
import dev.trailhouse.TestSpark;
import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import dev.trailhouse.config.DateRange;
import dev.trailhouse.ingest.Ingest;
import dev.trailhouse.report.ReportJob;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every built-in rule over test-data/findings (generate.py there): positive and negative events of
 * each rule ingested for real, reported for real into Delta, and exactly which event ids land in
 * which finding. Benign events (reads, a queue renamed, usual sign-ins) give nothing.
 */
class FindingsRulesTest {
  static final Path TRAIL = Repo.root().resolve("test-data/findings");
  static final LocalDate BASE_DAY = LocalDate.of(2025, 4, 1);
  static final LocalDate DAY = LocalDate.of(2025, 4, 2);
  static final String INST = "a1b2c3d4-0000-4000-8000-00000000f001";
  static final String INST2 = "a1b2c3d4-0000-4000-8000-00000000f002";
  static final String ALICE = "arn:aws:sts::111122223333:assumed-role/ConnectAdmin/alice";
  static final String OPS = "arn:aws:iam::111122223333:user/ops";
  static final String EVE = "arn:aws:iam::111122223333:user/eve";
  static final String MALLORY = "arn:aws:iam::111122223333:user/mallory";
  static final String CI = "arn:aws:iam::111122223333:user/ci-bot";
  static final String ROOT = "arn:aws:iam::111122223333:root";

  @TempDir static Path dir;
  static SparkSession spark;
  static List<String> base;

  @BeforeAll
  static void ingest() {
    spark = TestSpark.session();
    base =
        List.of(
            "input=" + TRAIL,
            "warehouse=" + dir.resolve("warehouse"),
            "reports=" + dir.resolve("reports"));
    new Ingest(spark, config(), Clock.systemUTC())
        .run(
            new DateRange(LocalDate.of(2025, 2, 20), DAY),
            Ingest.Mode.NEW_FILES,
            "findings-test",
            "findings test");
  }

  static Config config(String... sets) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(sets));
    return ConfigLoader.load(null, all);
  }

  /** The findings of a day as rule|severity|actor|instance|event ids, sorted. */
  static List<String> findings(Config config, LocalDate day) {
    List<String> out = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(config.table(FindingsTable.NAME))
            .where("report_date = DATE'" + day + "'")
            .selectExpr(
                "concat_ws('|', rule_id, severity, actor, coalesce(connect_instance_id, 'null'), array_join(event_ids, ','))")
            .collectAsList()) {
      out.add(r.getString(0));
    }
    out.sort(null);
    return out;
  }

  static String f(String rule, String severity, String actor, String instance, String... ids) {
    return String.join("|", rule, severity, actor, String.valueOf(instance), String.join(",", ids));
  }

  static List<String> sorted(List<String> rows) {
    List<String> s = new ArrayList<>(rows);
    s.sort(null);
    return s;
  }

  static final String EVE_DENIED =
      "denied-pos-eve-01,denied-pos-eve-02,denied-pos-eve-03,denied-pos-eve-04,denied-pos-eve-05,"
          + "denied-pos-eve-06,denied-pos-eve-07,denied-pos-eve-08,denied-pos-eve-09,storage-neg-denied";

  static List<String> defaultFindings() {
    return List.of(
        f("access-denied-burst", "medium", EVE, null, EVE_DENIED),
        f("connect-flow-integration-added", "medium", ALICE, INST, "flow-pos-origin"),
        f("connect-flow-integration-added", "medium", CI, INST, "flow-pos-ci-lambda"),
        f(
            "connect-flow-integration-added",
            "medium",
            OPS,
            INST,
            "flow-pos-bot",
            "flow-pos-lambda",
            "flow-pos-lexbot"),
        f("connect-flow-integration-added", "medium", OPS, INST2, "flow-pos-lambda-inst2"),
        f("connect-flow-logs-disabled", "medium", ALICE, INST, "logs-pos-off"),
        f("connect-instance-deleted", "critical", ALICE, INST2, "del-pos-instance"),
        f(
            "connect-security-profile-changed",
            "medium",
            ALICE,
            INST,
            "sp-pos-assign",
            "sp-pos-create",
            "sp-pos-update"),
        f(
            "connect-signin-new-ip",
            "medium",
            ALICE,
            INST,
            "signin-pos-new",
            "signin-pos-outside-baseline"),
        f(
            "connect-storage-config-changed",
            "high",
            ALICE,
            INST,
            "storage-pos-associate",
            "storage-pos-update"),
        f("connect-storage-config-changed", "high", OPS, INST2, "storage-pos-disassociate"),
        f("root-activity", "high", ROOT, INST, "root-pos-describe", "root-pos-list-users"),
        f(
            "voiceid-fraud-watchlist-changed",
            "high",
            OPS,
            null,
            "vid-pos-delete-domain",
            "vid-pos-delete-fraudster",
            "vid-pos-delete-watchlist",
            "vid-pos-disassociate-fraudster",
            "vid-pos-update-watchlist"));
  }

  @Test
  void eachBuiltInRuleFindsExactlyItsPositiveEvents() {
    Config config = config();
    ReportJob job = new ReportJob(spark, config);
    assertEquals(
        0, job.run(BASE_DAY, "v").findings(), "the baseline day has sign-ins and a read only");
    assertEquals(13, job.run(DAY, "v").findings());
    assertEquals(List.of(), findings(config, BASE_DAY));
    assertEquals(sorted(defaultFindings()), findings(config, DAY));
    // Every rule of the pack is exercised by a positive event.
    assertEquals(
        RuleSet.builtIn().stream().map(Rule::id).sorted().toList(),
        defaultFindings().stream()
            .map(s -> s.substring(0, s.indexOf('|')))
            .distinct()
            .sorted()
            .toList());
  }

  @Test
  void detailsSayWhatMatched() {
    Config config = config();
    new ReportJob(spark, config).run(DAY, "v");
    List<String> details = new ArrayList<>();
    for (Row r :
        spark
            .read()
            .format("delta")
            .load(config.table(FindingsTable.NAME))
            .where(
                "report_date = DATE'"
                    + DAY
                    + "' AND rule_id IN ('access-denied-burst', 'connect-signin-new-ip', 'root-activity')")
            .orderBy("rule_id")
            .select("rule_id", "title", "attack", "first_seen", "last_seen", "details")
            .collectAsList()) {
      details.add(r.mkString("|"));
    }
    assertEquals(
        List.of(
            "access-denied-burst|Burst of denied calls by one actor|T1580 Cloud Infrastructure Discovery|2025-04-02T10:00:06Z|"
                + "2025-04-02T10:01:06Z|{\"events\":10,\"event_names\":[\"AssociateInstanceStorageConfig\",\"DescribeContactFlow\","
                + "\"DescribeInstance\",\"DescribeUser\",\"GetContactAttributes\",\"ListPhoneNumbers\",\"ListQueues\","
                + "\"ListSecurityProfiles\",\"ListUsers\",\"UpdateUserSecurityProfiles\"],\"source_ips\":[\"185.220.101.4\"],"
                + "\"error_codes\":[\"AccessDeniedException\",\"UnauthorizedException\"],\"min_count\":10,"
                + "\"connect_instance_ids\":[\""
                + INST
                + "\",\""
                + INST2
                + "\"]}",
            "connect-signin-new-ip|Connect sign-in from an address new for this actor|T1078 Valid Accounts|2025-04-02T10:00:25Z|"
                + "2025-04-02T10:00:26Z|{\"events\":2,\"event_names\":[\"GetFederationToken\"],\"source_ips\":[\"100.64.0.9\","
                + "\"198.18.0.66\"],\"error_codes\":[],\"new_values\":[\"100.64.0.9\",\"198.18.0.66\"],\"connect_instance_ids\":[\""
                + INST
                + "\"]}",
            "root-activity|The account's root user called Connect or its family|T1078.004 Valid Accounts - Cloud Accounts|"
                + "2025-04-02T10:00:31Z|2025-04-02T10:00:32Z|{\"events\":2,\"event_names\":[\"DescribeInstance\",\"ListUsers\"],"
                + "\"source_ips\":[\"192.0.2.99\"],\"error_codes\":[],\"connect_instance_ids\":[\""
                + INST
                + "\"]}"),
        details);
  }

  /** A user rule file, an allowlist of an actor and an address, a threshold and a disabled rule. */
  @Test
  void userRulesAllowlistThresholdAndDisabledRule() {
    Config config =
        config(
            "findings.rules_file=" + TRAIL.resolve("user-rules.yaml"),
            "findings.allow_actors=" + CI,
            "findings.allow_ips=192.0.2.200",
            "findings.thresholds=access-denied-burst=9",
            "findings.disabled_rules=root-activity");
    new ReportJob(spark, config).run(DAY, "v");
    List<String> expected = new ArrayList<>(defaultFindings());
    expected.remove(f("connect-flow-integration-added", "medium", CI, INST, "flow-pos-ci-lambda"));
    expected.remove(f("connect-flow-integration-added", "medium", ALICE, INST, "flow-pos-origin"));
    expected.remove(
        f("root-activity", "high", ROOT, INST, "root-pos-describe", "root-pos-list-users"));
    expected.add(f("connect-user-deleted", "low", OPS, INST, "user-pos-delete"));
    expected.add(
        f(
            "access-denied-burst",
            "medium",
            MALLORY,
            INST,
            "denied-neg-mallory-01",
            "denied-neg-mallory-02",
            "denied-neg-mallory-03",
            "denied-neg-mallory-04",
            "denied-neg-mallory-05",
            "denied-neg-mallory-06",
            "denied-neg-mallory-07",
            "denied-neg-mallory-08",
            "denied-neg-mallory-09"));
    assertEquals(sorted(expected), findings(config, DAY));
  }
}
