package dev.trailhouse.generate;

import java.time.LocalDate;
import java.util.List;

/**
 * What trail to generate. Deterministic: the same spec writes byte-identical files.
 *
 * @param managementAccount an account that appears under both AWSLogs/<acct>/ and
 *     AWSLogs/<org>/<acct>/ (an account trail overlapping the organization trail), or null
 * @param orgAccounts accounts delivered by the organization trail (AWSLogs/<org>/<acct>/)
 * @param extraDayFolders day folders (one small file each) written before firstDay, for listing
 *     tests
 * @param mix which calls the events are, by share
 */
public record GeneratorSpec(
    long seed,
    LocalDate firstDay,
    int days,
    String organizationId,
    String managementAccount,
    List<String> orgAccounts,
    List<String> regions,
    int eventsPerDay,
    int eventsPerFile,
    double duplicateFraction,
    double lateFraction,
    boolean digests,
    int extraDayFolders,
    String bucket,
    Mix mix) {

  /** The committed sample of test-data/trail: 3 days, 3 accounts, 2 regions, both layouts. */
  public static GeneratorSpec sample() {
    return new GeneratorSpec(
        20250324L,
        LocalDate.of(2025, 3, 24),
        3,
        "o-a1b2c3d4e5",
        "111122223333",
        List.of("444455556666", "777788889999"),
        List.of("us-east-1", "us-west-2"),
        120,
        12,
        0.05,
        0.04,
        true,
        0,
        "trailhouse-sample-trail",
        Mix.STRESS);
  }

  /**
   * A benchmark day: {@code events} events in ~1,000-event files, one account and region, the
   * stress mix.
   */
  public static GeneratorSpec bench(long seed, LocalDate day, int events, int extraDayFolders) {
    return bench(seed, day, events, extraDayFolders, Mix.STRESS);
  }

  /** A benchmark day of the given mix. */
  public static GeneratorSpec bench(
      long seed, LocalDate day, int events, int extraDayFolders, Mix mix) {
    return new GeneratorSpec(
        seed,
        day,
        1,
        null,
        "123456789012",
        List.of(),
        List.of("us-east-1"),
        events,
        1000,
        0.01,
        0.0,
        false,
        extraDayFolders,
        "trailhouse-bench",
        mix);
  }
}
