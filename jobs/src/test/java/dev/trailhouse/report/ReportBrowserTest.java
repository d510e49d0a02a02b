package dev.trailhouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.SampleLake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened in headless Chromium: the page shows the headline figures, and a user agent
 * holding a script (which would set the title to PWNED) is shown as text, not run.
 */
class ReportBrowserTest {
  static final String CHROMIUM = "/usr/bin/chromium";
  @TempDir Path profile;

  static String dumpDom(Path html, Path profile) throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of(CHROMIUM))) {
      throw new AssertionError(
          CHROMIUM
              + " is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.");
    }
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--virtual-time-budget=2000",
                "--dump-dom",
                html.toUri().toString()));
    Path out = profile.resolve("dom.html");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(profile.resolve("err.txt").toFile())
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 60 s");
    }
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  @Test
  void headlineFiguresShowAndTheScriptInAUserAgentDoesNotRun() throws Exception {
    SparkSession spark = SampleLake.session();
    Path reports = Path.of(java.net.URI.create(SampleLake.config().reports()));
    String day = "2025-03-26";
    Path html = reports.resolve(day).resolve("report.html");
    assertTrue(
        Files.readString(html).contains("PWNED"),
        "the sample's hostile user agent is on this day's page");
    String dom = dumpDom(html, profile);
    assertTrue(
        dom.contains("<title>Trailhouse report " + day + "</title>"),
        "title not changed by an injected script");
    assertFalse(dom.contains("<title>PWNED"), "the injected script ran");
    assertTrue(
        dom.contains("&lt;script&gt;document.title='PWNED'&lt;/script&gt;"),
        "the user agent is shown as text");
    long calls =
        spark
            .sql("SELECT sum(calls) FROM access_daily WHERE report_date = DATE'" + day + "'")
            .first()
            .getLong(0);
    long changes =
        spark
            .sql("SELECT count(*) FROM changes_daily WHERE report_date = DATE'" + day + "'")
            .first()
            .getLong(0);
    long denied =
        spark
            .sql(
                "SELECT sum(access_denied_calls) FROM access_daily WHERE report_date = DATE'"
                    + day
                    + "'")
            .first()
            .getLong(0);
    long signIns =
        spark
            .sql(
                "SELECT coalesce(sum(calls), 0) FROM access_daily WHERE report_date = DATE'"
                    + day
                    + "' AND event_name = 'GetFederationToken'")
            .first()
            .getLong(0);
    assertEquals(calls, figure(dom, "calls"));
    assertEquals(changes, figure(dom, "changes"));
    assertEquals(denied, figure(dom, "denied calls"));
    assertEquals(signIns, figure(dom, "Connect sign-ins"));
    assertTrue(calls > 0 && changes > 0 && denied > 0);
  }

  /**
   * Findings come first, above the figures, most severe first; the headline counts them by severity
   * as the findings table does; every finding of the day is a row.
   */
  @Test
  void findingsComeFirstMostSevereFirstAndTheHeadlineCountsThem() throws Exception {
    SparkSession spark = SampleLake.session();
    Path reports = Path.of(java.net.URI.create(SampleLake.config().reports()));
    String day = "2025-03-26";
    String dom = dumpDom(reports.resolve(day).resolve("report.html"), profile);
    for (String severity : List.of("critical", "high", "medium", "low", "info")) {
      long n =
          spark
              .sql(
                  "SELECT count(*) FROM findings WHERE report_date = DATE'"
                      + day
                      + "' AND severity = '"
                      + severity
                      + "'")
              .first()
              .getLong(0);
      assertEquals(n, figure(dom, severity + " findings"), severity);
    }
    List<String> expected = new ArrayList<>();
    for (org.apache.spark.sql.Row r :
        spark
            .sql(
                "SELECT severity, rule_id, actor FROM findings WHERE report_date = DATE'"
                    + day
                    + "' "
                    + "ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 WHEN 'low' THEN 3 ELSE 4 END, "
                    + "rule_id, actor, connect_instance_id, first_seen")
            .collectAsList()) {
      expected.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2));
    }
    assertTrue(expected.size() > 1, "the sample's last day has findings");
    List<String> shown = new ArrayList<>();
    Matcher row =
        Pattern.compile(
                "<tr class=\"finding\"><td class=\"sev-[a-z]+\">([a-z]+)</td><td>([^<]*)</td><td>[^<]*</td>"
                    + "<td>([^<]*)</td>")
            .matcher(dom);
    while (row.find()) {
      shown.add(row.group(1) + "|" + row.group(2) + "|" + row.group(3));
    }
    assertEquals(expected, shown);
    int findings = dom.indexOf("id=\"findings-table\"");
    assertTrue(
        findings > 0
            && findings < dom.indexOf("Calls per hour")
            && dom.indexOf("id=\"headline\"") < findings,
        "the findings table comes after the headline and before the figures");
  }

  static long figure(String dom, String name) {
    Matcher m = Pattern.compile("data-figure=\"" + Pattern.quote(name) + "\">(\\d+)<").matcher(dom);
    assertTrue(m.find(), "figure " + name + " on the page");
    return Long.parseLong(m.group(1));
  }
}
