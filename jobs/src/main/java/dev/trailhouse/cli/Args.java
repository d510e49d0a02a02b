package dev.trailhouse.cli;

import dev.trailhouse.config.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parsed command-line options of one subcommand: {@code --name value}, repeatable {@code --set},
 * flags.
 */
public final class Args {
  private final String command;
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Args(String command) {
    this.command = command;
  }

  /** Every option of two sets (a command's options with a value and its flags). */
  static Set<String> union(Set<String> options, Set<String> flags) {
    Set<String> all = new java.util.TreeSet<>(options);
    all.addAll(flags);
    return all;
  }

  /**
   * Parses {@code argv}.
   *
   * @param options options that take a value (e.g. --from); --conf and --set are always accepted
   * @param flags options without a value (e.g. --reprocess)
   */
  public static Args parse(String command, String[] argv, Set<String> options, Set<String> flags) {
    Args a = new Args(command);
    for (int i = 0; i < argv.length; i++) {
      String arg = argv[i];
      if (arg.startsWith("--")) {
        String name = arg;
        String value = null;
        int eq = arg.indexOf('=');
        if (eq > 0 && !arg.startsWith("--set=")) {
          name = arg.substring(0, eq);
          value = arg.substring(eq + 1);
        } else if (arg.startsWith("--set=")) {
          name = "--set";
          value = arg.substring("--set=".length());
        }
        if (flags.contains(name)) {
          a.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
          continue;
        }
        if (!options.contains(name) && !"--conf".equals(name) && !"--set".equals(name)) {
          throw Errors.unknownOption(command, arg);
        }
        if (value == null) {
          if (i + 1 >= argv.length) {
            throw Errors.usage(
                String.format(
                    "Option %s of 'trailhouse %s' needs a value. Run 'trailhouse %s --help'.",
                    name, command, command));
          }
          value = argv[++i];
        }
        a.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        a.positional.add(arg);
      }
    }
    return a;
  }

  public Optional<String> value(String name) {
    List<String> v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  /** The value of a required option, or a usage error that shows an example. */
  public String required(String name, String example) {
    return value(name).orElseThrow(() -> Errors.missingOption(command, name, example));
  }

  public List<String> values(String name) {
    return values.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public List<String> positional() {
    return positional;
  }

  public String command() {
    return command;
  }
}
