package dev.trailhouse.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The growth report's arithmetic: core-seconds per million events, and the cost at the user's
 * price.
 */
class GrowthTest {
  @Test
  void coreSecondsScaleByCoresAndEvents() {
    assertEquals(10.0, Growth.coreSecondsPerMillion(5.0, 1_000_000, 2), 1e-12);
    assertEquals(12.0, Growth.coreSecondsPerMillion(3.0, 500_000, 2), 1e-12);
  }

  @Test
  void costIsInstanceHoursTimesTheGivenPrice() {
    // 100 core-s per million, 2M events: 200 core-s, on 4 vCPUs 50 s = 1/72 h, at $0.36/h: $0.005.
    assertEquals(
        "EMR cost of a day of 2000000 events on m5.xlarge (4 vCPUs, $0.3600/h as given for 2026-12-01):"
            + " $0.005000 (ingest only, this host's core speed, no cluster start or EMR fee)",
        Growth.costLine(100.0, 2_000_000, new Growth.Price("m5.xlarge", 4, 0.36, "2026-12-01")));
  }

  @Test
  void withoutAPriceTheLineSaysWhatToPass() {
    assertEquals(
        "EMR cost: not computed; pass --instance TYPE --instance-vcpus N --price-per-hour USD --price-date DATE"
            + " (the list price you looked up, and when)",
        Growth.costLine(100.0, 1_000_000, null));
  }
}
