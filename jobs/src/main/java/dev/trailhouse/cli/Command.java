package dev.trailhouse.cli;

import java.util.Set;

/** A subcommand of {@code trailhouse}. */
public interface Command {
  String name();

  /** One line for the command list. */
  String summary();

  /** The full --help text: it names each of {@link #options()} and no other (HelpTest). */
  String help();

  /** The options {@link #run} takes besides --conf, --set and --help: the ones it parses with. */
  Set<String> options();

  /** Runs the command; returns the exit code (0 ok, 1 failed run). Usage errors are thrown. */
  int run(String[] args);
}
