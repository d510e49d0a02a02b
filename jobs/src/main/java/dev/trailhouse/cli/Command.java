package dev.trailhouse.cli;

/** A subcommand of {@code trailhouse}. */
public interface Command {
  String name();

  /** One line for the command list. */
  String summary();

  /** The full --help text. */
  String help();

  /** Runs the command; returns the exit code (0 ok, 1 failed run). Usage errors are thrown. */
  int run(String[] args);
}
