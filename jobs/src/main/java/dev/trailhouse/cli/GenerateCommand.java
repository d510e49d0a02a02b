package dev.trailhouse.cli;

import dev.trailhouse.generate.GenerateMain;
import java.util.Set;

/** {@code trailhouse generate}: the sample trail of test-data/, or a benchmark day of any size. */
final class GenerateCommand implements Command {
  @Override
  public String name() {
    return "generate";
  }

  @Override
  public String summary() {
    return "write a deterministic synthetic trail (the committed sample, or a benchmark day)";
  }

  @Override
  public String help() {
    return "Usage: trailhouse generate --out DIR [--sample] [--events N] [--day YYYY-MM-DD] [--seed S] [--extra-day-folders K]\n\n"
        + "--sample writes the committed sample (DIR/trail and DIR/expected; `--out test-data` regenerates it\n"
        + "byte for byte). Otherwise writes one day of N events (default 1,000,000) in ~1,000-event files under DIR,\n"
        + "plus K earlier day folders with one small file each.\n";
  }

  @Override
  public Set<String> options() {
    return GenerateMain.OPTIONS;
  }

  @Override
  public int run(String[] args) {
    return GenerateMain.run(args);
  }
}
