package dev.trailhouse.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.Repo;
import dev.trailhouse.SampleLake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The sample trail (test-data/trail) gives exactly the findings of its generated activity: a golden
 * file reviewed once (GENERATE_GOLDEN=1 rewrites it), and for the match rules the same event ids
 * computed straight from events with plain SQL.
 */
class SampleFindingsTest {
  private final SparkSession spark = SampleLake.session();
  static final String SOURCES =
      "('connect.amazonaws.com','voiceid.amazonaws.com','profile.amazonaws.com',"
          + "'wisdom.amazonaws.com','cases.amazonaws.com','app-integrations.amazonaws.com')";

  static List<String> rows(SparkSession spark, String sql) {
    List<String> out = new ArrayList<>();
    for (Row r : spark.sql(sql).collectAsList()) {
      out.add(r.mkString("|"));
    }
    return out;
  }

  @Test
  void theSampleGivesExactlyTheGoldenFindings() throws IOException {
    Path golden = Repo.root().resolve("test-data/expected/findings.csv");
    List<String> got =
        new ArrayList<>(
            List.of("report_date|rule_id|severity|actor|connect_instance_id|event_ids"));
    got.addAll(
        rows(
            spark,
            "SELECT report_date, rule_id, severity, actor, connect_instance_id, array_join(event_ids, ' ') FROM findings "
                + "ORDER BY report_date, rule_id, actor, connect_instance_id"));
    if ("1".equals(System.getenv("GENERATE_GOLDEN"))) {
      Files.write(golden, got, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readAllLines(golden, StandardCharsets.UTF_8), got);
  }

  /** Root calls and security profile changes, found again from events without the rule engine. */
  @Test
  void matchRulesEqualPlainSql() {
    String days =
        "event_date BETWEEN DATE'2025-03-24' AND DATE'2025-03-26' AND event_source IN " + SOURCES;
    List<String> root =
        rows(
            spark,
            "SELECT event_date, actor, connect_instance_id, array_join(array_sort(collect_list(event_id)), ' ') "
                + "FROM events WHERE identity_type = 'Root' AND "
                + days
                + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    assertEquals(
        root,
        rows(
            spark,
            "SELECT report_date, actor, connect_instance_id, array_join(event_ids, ' ') FROM findings "
                + "WHERE rule_id = 'root-activity' ORDER BY 1, 2, 3"));
    List<String> profiles =
        rows(
            spark,
            "SELECT event_date, actor, connect_instance_id, array_join(array_sort(collect_list(event_id)), ' ') "
                + "FROM events WHERE event_name IN ('CreateSecurityProfile', 'UpdateSecurityProfile', 'UpdateUserSecurityProfiles') "
                + "AND error_code IS NULL AND "
                + days
                + " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3");
    assertEquals(
        profiles,
        rows(
            spark,
            "SELECT report_date, actor, connect_instance_id, array_join(event_ids, ' ') FROM findings "
                + "WHERE rule_id = 'connect-security-profile-changed' ORDER BY 1, 2, 3"));
  }
}
