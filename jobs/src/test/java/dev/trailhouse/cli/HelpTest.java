package dev.trailhouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.Repo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each command's --help names exactly the options the command parses with (besides --conf, --set
 * and --help, which every command shares), and the README's command table names none it lacks.
 * Configuration keys in help texts come from ConfigKey itself, so they cannot drift.
 */
class HelpTest {
  private static final Pattern OPTION = Pattern.compile("--[a-z][a-z-]*");
  private static final Set<String> SHARED = Set.of("--conf", "--set", "--help");

  static Set<String> options(String text) {
    Set<String> found = new TreeSet<>();
    Matcher m = OPTION.matcher(text);
    while (m.find()) {
      if (!SHARED.contains(m.group())) {
        found.add(m.group());
      }
    }
    return found;
  }

  @Test
  void helpNamesExactlyTheOptionsEachCommandParses() {
    for (Command c : Main.commands().values()) {
      assertEquals(new TreeSet<>(c.options()), options(c.help()), c.name());
    }
  }

  @Test
  void readmeCommandTableNamesOnlyOptionsTheCommandsHave() throws IOException {
    String readme = Files.readString(Repo.root().resolve("README.md"), StandardCharsets.UTF_8);
    int rows = 0;
    for (Command c : Main.commands().values()) {
      Matcher m = Pattern.compile("(?m)^\\| `" + c.name() + "\\b(.*)$").matcher(readme);
      assertTrue(m.find(), "README.md's command table has no row for " + c.name());
      Set<String> named = options(m.group(1).substring(0, m.group(1).indexOf(" | ")));
      assertTrue(
          c.options().containsAll(named),
          c.name() + ": README names " + named + ", the command has " + c.options());
      rows++;
    }
    assertEquals(Main.commands().size(), rows);
  }

  @Test
  void ingestHelpSaysHowRowsAreCommitted() {
    String help = new IngestCommand().help();
    assertTrue(help.contains("committing the run's rows in one Delta transaction"), help);
    assertTrue(!help.contains("MERGE"), help);
  }
}
