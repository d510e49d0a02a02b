package dev.trailhouse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ingest's step timings as logged, and read back by {@code bench --cold} from a log. */
class PhaseTimesTest {
  @Test
  void lapsChargeTheTimeSinceTheLastLapAndParseBackFromALog() throws Exception {
    PhaseTimes t = new PhaseTimes();
    Thread.sleep(30);
    t.lap("list");
    t.lap("read");
    Thread.sleep(20);
    t.lap("list");
    Map<String, Double> s = t.seconds();
    assertEquals(List.of("list", "read"), List.copyOf(s.keySet()));
    assertTrue(s.get("list") >= 0.05, "list: " + s);
    assertTrue(s.get("read") < 0.02, "read: " + s);
    String log =
        "12:00:00.000 INFO  Ingest: something\n12:00:01.000 INFO  Ingest: " + t.line() + "\n";
    Map<String, Double> parsed = PhaseTimes.parse(log);
    assertEquals(s.keySet(), parsed.keySet());
    assertEquals(s.get("list"), parsed.get("list"), 0.006);
    assertTrue(PhaseTimes.parse("no timings here").isEmpty());
  }
}
