package dev.trailhouse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.Repo;
import dev.trailhouse.config.ConfigLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Airflow DAGs compile and build the expected task graph, checked against small stub airflow
 * modules (Airflow itself cannot be installed here: no PyPI); the EMR step files and the production
 * config template are valid.
 */
class DeployFilesTest {
  static final Path AIRFLOW = Repo.root().resolve("conf/airflow");
  static final Path EMR = Repo.root().resolve("conf/emr");
  @TempDir Path dir;

  static final String STUBS = String.join("\n",
      "import json, sys, types",
      "GRAPH = {'dags': [], 'tasks': [], 'edges': []}",
      "class DAG:",
      "    current = None",
      "    def __init__(self, dag_id, **kw): self.dag_id = dag_id; self.kw = kw; GRAPH['dags'].append(self)",
      "    def __enter__(self): DAG.current = self; return self",
      "    def __exit__(self, *a): DAG.current = None",
      "class BaseOperator:",
      "    def __init__(self, task_id, **kw):",
      "        self.task_id = task_id; self.kw = kw; self.dag = DAG.current",
      "        GRAPH['tasks'].append({'task_id': task_id, 'type': type(self).__name__, 'dag': DAG.current.dag_id, 'kw': kw})",
      "    def __rshift__(self, other): GRAPH['edges'].append([self.task_id, other.task_id]); return other",
      "def module(name, **attrs):",
      "    m = types.ModuleType(name); m.__dict__.update(attrs); sys.modules[name] = m; return m",
      "module('airflow', DAG=DAG)",
      "class CronDataIntervalTimetable:",
      "    def __init__(self, cron, timezone): self.cron = cron; self.timezone = timezone",
      "    def __str__(self): return 'CronDataIntervalTimetable(' + self.cron + ',' + str(self.timezone) + ')'",
      "module('airflow.timetables'); module('airflow.timetables.interval', CronDataIntervalTimetable=CronDataIntervalTimetable)",
      "for p in ['airflow.providers', 'airflow.providers.amazon', 'airflow.providers.amazon.aws', 'airflow.providers.amazon.aws.operators',",
      "          'airflow.providers.amazon.aws.sensors', 'airflow.providers.apache', 'airflow.providers.apache.spark',",
      "          'airflow.providers.apache.spark.operators']: module(p)",
      "module('airflow.providers.amazon.aws.operators.emr', EmrAddStepsOperator=type('EmrAddStepsOperator', (BaseOperator,), {}))",
      "module('airflow.providers.amazon.aws.sensors.emr', EmrStepSensor=type('EmrStepSensor', (BaseOperator,), {}))",
      "module('airflow.providers.apache.spark.operators.spark_submit', SparkSubmitOperator=type('SparkSubmitOperator', (BaseOperator,), {}))",
      "import runpy",
      "for f in sys.argv[1:]: runpy.run_path(f)",
      "out = {'dags': [{'dag_id': d.dag_id, 'schedule': d.kw.get('schedule'), 'catchup': d.kw.get('catchup'),",
      "                 'max_active_runs': d.kw.get('max_active_runs'), 'retries': d.kw.get('default_args', {}).get('retries')} for d in GRAPH['dags']],",
      "       'tasks': GRAPH['tasks'], 'edges': GRAPH['edges']}",
      "print(json.dumps(out, default=str))",
      "");

  static String python(List<String> args, Path cwd) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("python3"));
    cmd.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      throw new AssertionError("python3 is needed to check the Airflow DAGs: install it (apt-get install python3)", e);
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  static List<Path> dags() throws Exception {
    try (Stream<Path> s = Files.list(AIRFLOW)) {
      return s.filter(p -> p.toString().endsWith(".py")).sorted().toList();
    }
  }

  @Test
  void dagsCompileAndBuildTheExpectedGraph() throws Exception {
    List<String> compile = new ArrayList<>(List.of("-m", "py_compile"));
    dags().forEach(p -> compile.add(p.toString()));
    python(compile, dir);
    Files.writeString(dir.resolve("stubs.py"), STUBS);
    List<String> run = new ArrayList<>(List.of(dir.resolve("stubs.py").toString()));
    dags().forEach(p -> run.add(p.toString()));
    JsonNode g = new ObjectMapper().readTree(python(run, dir));

    assertEquals(2, g.get("dags").size());
    for (JsonNode d : g.get("dags")) {
      assertEquals(1, d.get("max_active_runs").asInt(), "one writer at a time");
      assertTrue(d.get("catchup").asBoolean(), "backfills run");
      assertTrue(d.get("retries").asInt() > 0, "retries");
      // A data-interval timetable, so that {{ ds }} is the day that ended on Airflow 2 and 3.
      assertEquals("CronDataIntervalTimetable(0 6 * * *,UTC)", d.get("schedule").asText());
    }
    List<String> edges = new ArrayList<>();
    g.get("edges").forEach(e -> edges.add(e.get(0).asText() + ">>" + e.get(1).asText()));
    edges.sort(null);
    assertEquals(new java.util.TreeSet<>(List.of("ingest_add_step>>ingest_wait", "ingest_wait>>report_add_step", "report_add_step>>report_wait",
        "report_wait>>verify_add_step", "verify_add_step>>verify_wait", "ingest>>report", "report>>verify")),
        new java.util.TreeSet<>(edges));
    assertEquals(7, edges.size());
    for (JsonNode t : g.get("tasks")) {
      String type = t.get("type").asText();
      String id = t.get("task_id").asText();
      JsonNode kw = t.get("kw");
      List<String> args = new ArrayList<>();
      if (type.equals("EmrAddStepsOperator")) {
        kw.get("steps").get(0).get("HadoopJarStep").get("Args").forEach(a -> args.add(a.asText()));
        assertEquals("spark-submit", args.get(0));
        assertTrue(args.contains("dev.trailhouse.cli.Main"), id);
      } else if (type.equals("SparkSubmitOperator")) {
        assertEquals("dev.trailhouse.cli.Main", kw.get("java_class").asText());
        kw.get("application_args").forEach(a -> args.add(a.asText()));
      } else {
        assertEquals("EmrStepSensor", type);
        assertTrue(kw.get("step_id").asText().contains(id.replace("_wait", "_add_step")), id);
        continue;
      }
      String command = id.replace("_add_step", "");
      assertEquals(command, args.get(args.indexOf(command)), id);
      if (command.equals("ingest")) {
        assertEquals(List.of("--from", "{{ ds }}", "--to", "{{ ds }}"), args.subList(args.indexOf("--from"), args.indexOf("--from") + 4), id);
      } else {
        assertEquals(List.of("--from", "{{ macros.ds_add(ds, -1) }}", "--to", "{{ ds }}"),
            args.subList(args.indexOf("--from"), args.indexOf("--from") + 4), id);
      }
      assertTrue(args.get(args.size() - 2).equals("--conf"), id);
    }
  }

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
            assertEquals("dev.trailhouse.cli.Main", args.get(args.indexOf("--class") + 1), f.toString());
            steps++;
          }
        }
      }
    }
    assertEquals(4, steps);
    // The production template is a valid configuration once its placeholders are filled.
    Map<String, String> yaml = dev.trailhouse.config.ConfigLoaderAccess.parse(Files.readString(Repo.root().resolve("conf/emr.yaml")));
    assertEquals("s3a://YOUR-TRAIL-BUCKET/cloudtrail", yaml.get("input"));
    ConfigLoader.load(Repo.root().resolve("conf/emr.yaml").toString(), List.of());
  }
}
