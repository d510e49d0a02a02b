package dev.trailhouse.cli;

import dev.trailhouse.bench.ExplicitSchemaIngest;
import dev.trailhouse.bench.Floor;
import dev.trailhouse.bench.NaiveIngest;
import dev.trailhouse.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * One baseline phase of {@code trailhouse bench --cold} as its own process, the way a user's own
 * spark-submit job runs: {@code BenchPhase naive|explicit|floor FILE_LIST TABLE}. Prints {@link
 * #DONE} with the events handled. Not a user command.
 */
public final class BenchPhase {
  /** The prefix of the line the parent reads. */
  static final String DONE = "bench phase done: events=";

  private BenchPhase() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: BenchPhase naive|explicit|floor FILE_LIST TABLE");
    }
    List<String> uris = new ArrayList<>();
    List<Path> paths = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      paths.add(Path.of(line));
      uris.add(Path.of(line).toUri().toString());
    }
    long events;
    if (args[0].equals("floor")) {
      events = Floor.run(paths, Runtime.getRuntime().availableProcessors());
    } else {
      Path table = Path.of(args[2]);
      SparkSession spark =
          Sessions.create(
              ConfigLoader.load(
                  null, List.of("input=" + table.getParent(), "warehouse=" + table.getParent())),
              "bench " + args[0]);
      String uri = table.toUri().toString();
      events =
          switch (args[0]) {
            case "naive" -> NaiveIngest.run(spark, uris, uri);
            case "explicit" -> ExplicitSchemaIngest.run(spark, uris, uri);
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
          };
      spark.stop();
    }
    System.out.println(String.format(Locale.ROOT, "%s%d", DONE, events));
  }
}
