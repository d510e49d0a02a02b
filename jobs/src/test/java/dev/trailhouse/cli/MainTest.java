package dev.trailhouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Exit codes and messages of bad command lines: 2, and a message that names the fix. */
class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8).strip();
  }

  @Test
  void usageErrors() {
    assertEquals(2, Main.run(new String[] {"ingest", "--from", "2025-03-24"}));
    assertEquals(
        "trailhouse: 'trailhouse ingest' needs --to, e.g. --to 2025-03-24. Run 'trailhouse ingest --help' for the options.",
        err());
    err.reset();
    assertEquals(2, Main.run(new String[] {"ingest", "--from", "2025-3-24", "--to", "2025-03-24"}));
    assertEquals(
        "trailhouse: --from '2025-3-24' is not a date: write it as YYYY-MM-DD, e.g. --from 2025-03-24.",
        err());
    err.reset();
    assertEquals(
        2,
        Main.run(
            new String[] {"ingest", "--from", "2025-03-24", "--to", "2025-03-24", "--day", "x"}));
    assertEquals(
        "trailhouse: Unknown option '--day' for 'trailhouse ingest'. Run 'trailhouse ingest --help' for the options.",
        err());
    err.reset();
    assertEquals(2, Main.run(new String[] {"injest"}));
    assertTrue(err().startsWith("trailhouse: Unknown command 'injest'. Commands: ingest,"), err());
    err.reset();
    assertEquals(
        2,
        Main.run(
            new String[] {
              "maintain",
              "--set",
              "input=t",
              "--set",
              "warehouse=w",
              "--set",
              "maintain.vacuum_retention_hours=1"
            }));
    assertTrue(
        err()
            .startsWith(
                "trailhouse: Configuration key 'maintain.vacuum_retention_hours' has value '1', but VACUUM below 168 hours"),
        err());
  }

  @Test
  void helpOnEveryCommand() {
    for (String c : Main.commands().keySet()) {
      out.reset();
      assertEquals(0, Main.run(new String[] {c, "--help"}));
      assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: trailhouse " + c), c);
    }
    assertEquals(2, Main.run(new String[] {}));
  }
}
