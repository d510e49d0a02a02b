package dev.trailhouse.cli;

import dev.trailhouse.config.Errors;
import dev.trailhouse.config.TrailhouseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point: {@code trailhouse <command> [options]}, locally through {@code
 * jobs/bin/trailhouse} or as {@code spark-submit --class dev.trailhouse.cli.Main
 * trailhouse-jobs.jar <command> ...}. Exit codes: 0 success, 1 the run failed, 2 bad usage or
 * configuration.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) {
    int code = run(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  static Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    for (Command c :
        List.<Command>of(
            new IngestCommand(),
            new SqlCommand(),
            new MaintainCommand(),
            new GenerateCommand(),
            new BenchCommand(),
            new ReportCommand(),
            new VerifyCommand(),
            new DdlCommand())) {
      m.put(c.name(), c);
    }
    return m;
  }

  /** Runs a command line and returns its exit code; never exits the JVM. */
  public static int run(String[] args) {
    Map<String, Command> commands = commands();
    if (args.length == 0
        || "--help".equals(args[0])
        || "-h".equals(args[0])
        || "help".equals(args[0])) {
      System.out.println(usage(commands));
      return args.length == 0 ? 2 : 0;
    }
    try {
      Command c = commands.get(args[0]);
      if (c == null) {
        throw Errors.unknownCommand(args[0]);
      }
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
        System.out.println(c.help());
        return 0;
      }
      return c.run(rest);
    } catch (TrailhouseException e) {
      System.err.println("trailhouse: " + e.getMessage());
      if (e.getCause() != null) {
        LOG.debug("Cause", e.getCause());
      }
      return e.kind().exitCode();
    } catch (Exception | Error e) {
      LOG.error("The run failed", e);
      System.err.println("trailhouse: the run failed: " + e);
      return 1;
    }
  }

  static String usage(Map<String, Command> commands) {
    StringBuilder b =
        new StringBuilder(
            "Usage: trailhouse <command> [options]   (trailhouse <command> --help)\n\nCommands:\n");
    for (Command c : commands.values()) {
      b.append(String.format("  %-10s %s%n", c.name(), c.summary()));
    }
    return b.toString();
  }
}
