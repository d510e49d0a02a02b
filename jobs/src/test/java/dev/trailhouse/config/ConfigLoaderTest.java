package dev.trailhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration errors, by their exact messages. */
class ConfigLoaderTest {
  @TempDir Path dir;

  private String message(String conf, String... sets) {
    return assertThrows(TrailhouseException.class, () -> ConfigLoader.load(conf, List.of(sets)))
        .getMessage();
  }

  @Test
  void precedenceSetBeatsFileBeatsDefault() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(
        f, "input: trail\nwarehouse: wh\nlateness_days: 3\nreport:\n  baseline_days: 7\n");
    Config c = ConfigLoader.load(f.toString(), List.of("lateness_days=5"));
    assertEquals(5, c.latenessDays());
    assertEquals(7, c.baselineDays());
    assertEquals(10, c.maxUserAgents());
    assertEquals("file:" + dir.resolve("trail"), c.input());
    assertEquals("file:" + dir.resolve("wh") + "/events", c.table("events"));
  }

  @Test
  void s3Locations() {
    Config c =
        ConfigLoader.load(null, List.of("input=s3://bucket/prefix/", "warehouse=s3a://lake/wh"));
    assertEquals("s3a://bucket/prefix", c.input());
    assertEquals("s3a://lake/wh/events", c.table("events"));
  }

  @Test
  void unknownKeyNamesTheFix() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "input: t\nwarehouse: w\nlateness: 2\n");
    assertEquals(
        "Unknown configuration key 'lateness' in '"
            + f
            + "'. Known keys: "
            + String.join(", ", ConfigKey.names())
            + " (and any spark.* key). Fix the spelling or remove it.",
        message(f.toString()));
  }

  @Test
  void badValues() {
    assertEquals(
        "Configuration key 'lateness_days' has value 'two', but it must be a whole number. Set it in the --conf file or with --set lateness_days=...",
        message(null, "input=t", "warehouse=w", "lateness_days=two"));
    assertEquals(
        "Configuration key 'lateness_days' has value '31', but it must be between 0 and 30. Set it in the --conf file or with --set lateness_days=...",
        message(null, "input=t", "warehouse=w", "lateness_days=31"));
    assertEquals(
        "Configuration key 'accounts' has value '1234', but an account id is 12 digits. Set it in the --conf file or with --set accounts=...",
        message(null, "input=t", "warehouse=w", "accounts=1234"));
    assertEquals(
        "Configuration key 's3.path_style_access' has value 'yes', but it must be true or false. Set it in the --conf file or with --set s3.path_style_access=...",
        message(null, "input=t", "warehouse=w", "s3.path_style_access=yes"));
    assertEquals(
        "--set 'lateness_days' is not key=value: write e.g. --set lateness_days=2.",
        message(null, "lateness_days"));
  }

  @Test
  void missingRequiredKeys() {
    assertEquals(
        "Configuration key 'input' is not set: it is the trail prefix that holds AWSLogs/ (e.g. s3a://bucket/prefix/). Set it in the --conf file or with --set input=...",
        message(null, "warehouse=w"));
  }

  @Test
  void unreadableAndInvalidFiles() throws Exception {
    assertEquals(
        "Cannot read the configuration file '"
            + dir.resolve("nope.yaml").toUri()
            + "' ("
            + dir.resolve("nope.yaml")
            + "). Check the path given to --conf.",
        message(dir.resolve("nope.yaml").toString()));
    Path f = dir.resolve("list.yaml");
    Files.writeString(f, "- a\n- b\n");
    assertEquals(
        "The configuration file '" + f + "' must be a YAML mapping of key: value.",
        message(f.toString()));
  }

  @Test
  void secretsAreMasked() {
    Config c =
        ConfigLoader.load(
            null, List.of("input=t", "warehouse=w", "spark.hadoop.fs.s3a.secret.key=abc"));
    assertEquals("****", c.effective().get("spark.hadoop.fs.s3a.secret.key"));
    assertEquals("abc", c.sparkSettings().get("spark.hadoop.fs.s3a.secret.key"));
    assertEquals(
        List.of("--set", "spark.hadoop.fs.s3a.session.token=****", "input=t"),
        ConfigLoader.maskArgs(
            List.of("--set", "spark.hadoop.fs.s3a.session.token=xyz", "input=t")));
    assertEquals(
        List.of("--set=spark.hadoop.fs.s3a.secret.key=****", "--set=lateness_days=2"),
        ConfigLoader.maskArgs(
            List.of("--set=spark.hadoop.fs.s3a.secret.key=abc", "--set=lateness_days=2")));
  }
}
