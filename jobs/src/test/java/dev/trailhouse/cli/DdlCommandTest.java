package dev.trailhouse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.trailhouse.table.Tables;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code trailhouse ddl}: one statement per table at its s3:// location, without touching S3 (the
 * S3 endpoint given is a closed port: any request would fail the command).
 */
class DdlCommandTest {
  private static final String[] LAKE = {
    "--set", "input=s3://my-trail/cloudtrail", "--set", "warehouse=s3://my-lake/trailhouse/",
    "--set", "catalog.database=trail", "--set", "s3.endpoint=http://127.0.0.1:1"
  };
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private int run(String... args) {
    List<String> all = new ArrayList<>(List.of("ddl"));
    all.addAll(Arrays.asList(args));
    return Main.run(all.toArray(new String[0]));
  }

  private List<String> statements() {
    List<String> s = new ArrayList<>();
    for (String part : out.toString(StandardCharsets.UTF_8).split(";\n\n")) {
      if (!part.isBlank()) {
        s.add(part.strip());
      }
    }
    return s;
  }

  @Test
  void athenaRegistersEveryTableAtItsS3Location() {
    List<String> args = new ArrayList<>(List.of("--engine", "athena"));
    args.addAll(List.of(LAKE));
    assertEquals(0, run(args.toArray(new String[0])), err.toString(StandardCharsets.UTF_8));
    List<String> s = statements();
    assertEquals("CREATE DATABASE IF NOT EXISTS trail", s.get(0));
    assertEquals(
        "CREATE EXTERNAL TABLE IF NOT EXISTS trail.events\n"
            + "LOCATION 's3://my-lake/trailhouse/events'\n"
            + "TBLPROPERTIES ('table_type'='DELTA')",
        s.get(1));
    assertEquals(
        "CREATE EXTERNAL TABLE IF NOT EXISTS trail.verification\n"
            + "LOCATION 's3://my-lake/trailhouse/verification'\n"
            + "TBLPROPERTIES ('table_type'='DELTA')",
        s.get(7));
    // One statement per table of Tables.NAMES, in its order (findings appears once it is listed
    // there).
    assertEquals(1 + Tables.NAMES.size(), s.size());
    for (int i = 0; i < Tables.NAMES.size(); i++) {
      String t = Tables.NAMES.get(i);
      assertEquals(
          "CREATE EXTERNAL TABLE IF NOT EXISTS trail."
              + t
              + "\nLOCATION 's3://my-lake/trailhouse/"
              + t
              + "'\nTBLPROPERTIES ('table_type'='DELTA')",
          s.get(1 + i));
    }
    assertEquals(
        List.of(
            "events",
            "rejects",
            "ingested_files",
            "ingest_runs",
            "access_daily",
            "changes_daily",
            "verification"),
        Tables.NAMES.subList(0, 7));
  }

  @Test
  void sparkUsesDeltaTablesAtS3Locations() {
    List<String> args = new ArrayList<>(List.of("--engine", "spark"));
    args.addAll(List.of(LAKE));
    assertEquals(0, run(args.toArray(new String[0])));
    List<String> s = statements();
    assertEquals("CREATE DATABASE IF NOT EXISTS trail", s.get(0));
    assertEquals(
        "CREATE TABLE IF NOT EXISTS trail.ingest_runs USING DELTA LOCATION 's3://my-lake/trailhouse/ingest_runs'",
        s.get(4));
    assertEquals(1 + Tables.NAMES.size(), s.size());
  }

  @Test
  void errorsNameTheFix() {
    assertEquals(
        2,
        run(
            "--set",
            "input=s3://t/",
            "--set",
            "warehouse=s3://l/w",
            "--set",
            "catalog.database=trail"));
    assertEquals(
        "trailhouse: 'trailhouse ddl' needs --engine, e.g. --engine athena. Run 'trailhouse ddl --help' for the options.",
        err.toString(StandardCharsets.UTF_8).strip());
    err.reset();
    assertEquals(
        2, run("--engine", "hive", "--set", "input=s3://t/", "--set", "warehouse=s3://l/w"));
    assertEquals(
        "trailhouse: --engine 'hive' is not one of athena, spark.",
        err.toString(StandardCharsets.UTF_8).strip());
    err.reset();
    assertEquals(
        2, run("--engine", "athena", "--set", "input=s3://t/", "--set", "warehouse=s3://l/w"));
    assertEquals(
        "trailhouse: Configuration key 'catalog.database' is not set: it is the catalog database the tables are "
            + "created in (e.g. trail). Set it in the --conf file or with --set catalog.database=...",
        err.toString(StandardCharsets.UTF_8).strip());
    err.reset();
    assertEquals(
        2,
        run(
            "--engine",
            "athena",
            "--set",
            "input=/tmp/t",
            "--set",
            "warehouse=/tmp/lake",
            "--set",
            "catalog.database=trail"));
    assertEquals(
        "trailhouse: Configuration key 'warehouse' has value 'file:/tmp/lake/events', but Athena reads tables on "
            + "S3 only (s3://bucket/prefix). Set it in the --conf file or with --set warehouse=...",
        err.toString(StandardCharsets.UTF_8).strip());
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void catalogLocationsUseTheS3Scheme() {
    assertEquals("s3://b/p/events", TableDdl.location("s3a://b/p/events"));
    assertEquals("s3://b/p", TableDdl.location("s3n://b/p"));
    assertEquals("s3://b/p", TableDdl.location("s3://b/p"));
    assertEquals("file:/tmp/w/events", TableDdl.location("file:/tmp/w/events"));
  }
}
