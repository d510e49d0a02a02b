package dev.trailhouse.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Everything report.html shows for one day, as plain values (the renderer is pure). */
public record ReportModel(
    LocalDate day,
    Map<String, Long> headline,
    long[] callsPerHour,
    List<Map.Entry<String, Long>> topActors,
    Map<String, Map<String, Long>> changesByTypeAndAction,
    List<List<String>> changes,
    List<List<String>> denied,
    List<List<String>> newActors,
    List<List<String>> findings,
    String verdict) {

  public static final List<String> FINDING_HEADERS =
      List.of(
          "severity",
          "rule",
          "title",
          "actor",
          "instance",
          "first seen (UTC)",
          "last seen (UTC)",
          "events",
          "event ids",
          "details");

  public static final List<String> CHANGE_HEADERS =
      List.of(
          "time (UTC)",
          "actor",
          "API",
          "action",
          "resource type",
          "resource id",
          "instance",
          "result",
          "source IP",
          "user agent");
  public static final List<String> DENIED_HEADERS =
      List.of("actor", "API", "denied calls", "source IPs", "user agents");
  public static final List<String> NEW_ACTOR_HEADERS =
      List.of("actor", "identity type", "first seen (UTC)", "calls", "source IPs");

  /**
   * Resources whose admin-website changes CloudTrail does not log (DOMAIN.md, from the AWS
   * documentation).
   */
  public static final String CAVEAT =
      "Coverage caveat: changes made in the Amazon Connect admin website to quick connects, queues and users are logged. "
          + "Changes to hours of operation, flows, phone numbers, user hierarchies, agent statuses and prompts are logged "
          + "only when made through the AWS CLI or the public API. \"No changes\" for those resources is not proof that none happened.";
}
