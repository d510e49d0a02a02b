package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The EMR step files and the production config template are valid (the Airflow DAGs: {@link
 * AirflowDagsTest}).
 */
class DeployFilesTest {
  static final Path EMR = Repo.root().resolve("conf/emr");

  @Test
  void emrFilesAreValid() throws Exception {
    ObjectMapper json = new ObjectMapper();
    int steps = 0;
    try (Stream<Path> s = Files.list(EMR)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode n = json.readTree(f.toFile());
        if (f.getFileName().toString().startsWith("steps-")) {
          for (JsonNode step : n) {
            List<String> args = new ArrayList<>();
            step.get("Args").forEach(a -> args.add(a.asText()));
            assertEquals("command-runner.jar", step.get("Jar").asText());
            assertEquals("spark-submit", args.get(0), f.toString());
            assertEquals(
                "dev.trailhouse.cli.Main", args.get(args.indexOf("--class") + 1), f.toString());
            steps++;
          }
        }
      }
    }
    assertEquals(4, steps);
    // The production template is a valid configuration once its placeholders are filled.
    Map<String, String> yaml =
        dev.trailhouse.config.ConfigLoaderAccess.parse(
            Files.readString(Repo.root().resolve("conf/emr.yaml")));
    assertEquals("s3a://YOUR-TRAIL-BUCKET/cloudtrail", yaml.get("input"));
    ConfigLoader.load(Repo.root().resolve("conf/emr.yaml").toString(), List.of());
  }
}
