package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs DAG files against {@code airflow/strict_airflow.py}, a strict stand-in for the airflow
 * modules (Airflow itself cannot be installed here): every operator call is checked against {@code
 * airflow/signatures.json}, copied from the Airflow sources, and the template fields are rendered
 * with Jinja2 for logical day {@link #DS}.
 */
final class StrictAirflow {
  /**
   * Debian's interpreter, which has python3-jinja2 (the python3 first on PATH may be another one).
   */
  static final String PYTHON = "/usr/bin/python3";

  static final String DS = "2025-03-25";
  static final Map<String, String> VARIABLES =
      Map.of(
          "trailhouse_emr_cluster_id", "j-TEST",
          "trailhouse_jar", "s3://artifacts/trailhouse-jobs.jar",
          "trailhouse_conf", "s3://config/emr.yaml",
          "trailhouse_start_date", "2025-02-01",
          "trailhouse_emr_serverless_application_id", "00testapp",
          "trailhouse_emr_serverless_role_arn", "arn:aws:iam::123456789012:role/trailhouse",
          "trailhouse_logs", "s3://logs/trailhouse/");

  record Result(int exit, String output) {}

  private StrictAirflow() {}

  static Path resource(String name) {
    try {
      return Path.of(StrictAirflow.class.getResource("/airflow/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The DAG files of a folder (trailhouse_common.py is imported by them, not run on its own). */
  static List<Path> dagFiles(Path folder) throws IOException {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith("_dag.py")).sorted().toList();
    }
  }

  static Result python(List<String> args, Path cwd) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PYTHON));
    cmd.addAll(args);
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
      pb.environment()
          .put("PYTHONDONTWRITEBYTECODE", "1"); // no __pycache__ beside the DAGs in conf/airflow
      p = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "Debian's python3 with Jinja2 checks the Airflow DAGs: apt-get install python3 python3-jinja2",
          e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python did not finish");
    return new Result(p.exitValue(), out);
  }

  /** Imports the DAG files against the strict stand-in. */
  static Result run(Path workDir, List<Path> dags) throws Exception {
    Path variables = workDir.resolve("variables.json");
    Files.writeString(variables, new ObjectMapper().writeValueAsString(VARIABLES));
    List<String> args =
        new ArrayList<>(
            List.of(
                resource("strict_airflow.py").toString(),
                resource("signatures.json").toString(),
                variables.toString(),
                DS));
    dags.forEach(d -> args.add(d.toString()));
    return python(args, workDir);
  }

  /** The graph of DAG files that must pass every signature check. */
  static JsonNode graph(Path workDir, List<Path> dags) throws Exception {
    Result r = run(workDir, dags);
    assertEquals(0, r.exit(), r.output());
    return new ObjectMapper().readTree(r.output());
  }
}
