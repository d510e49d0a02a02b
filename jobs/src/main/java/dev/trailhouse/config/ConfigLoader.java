package dev.trailhouse.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads the configuration: defaults ({@link ConfigKey}), then the {@code --conf} file, then each
 * {@code --set key=value}. Unknown keys and bad values fail at load with a message naming the key.
 */
public final class ConfigLoader {
  private static final Pattern SECRET =
      Pattern.compile("(?i).*(secret|password|passwd|token|credential|access[._-]?key|session).*");
  private static final String MASK = "****";

  private ConfigLoader() {}

  /**
   * Loads a configuration.
   *
   * @param confUri the --conf file (local path or Hadoop URI), or null for defaults only
   * @param sets the --set arguments, each {@code key=value}
   */
  public static Config load(String confUri, List<String> sets) {
    Map<String, String> raw = new LinkedHashMap<>();
    URI base = Path.of("").toAbsolutePath().toUri();
    String origin = "defaults";
    if (confUri != null) {
      URI uri = toUri(confUri, base);
      raw.putAll(parseYaml(read(uri), confUri));
      base = uri.resolve(".");
      origin = confUri;
    }
    validateKeys(raw, "'" + origin + "'");
    Map<String, String> overrides = new LinkedHashMap<>();
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw Errors.badSet(set);
      }
      overrides.put(set.substring(0, eq).trim(), set.substring(eq + 1).trim());
    }
    validateKeys(overrides, "--set");
    Map<String, String> values = new LinkedHashMap<>(raw);
    values.putAll(overrides);
    // Relative locations in a --set resolve against the working folder, in the file against the
    // file.
    return build(values, base, overrides.keySet());
  }

  /** Masks values whose key looks secret. */
  public static String mask(String key, String value) {
    return SECRET.matcher(key).matches() ? MASK : value;
  }

  /** Masks {@code key=value} arguments whose key looks secret. */
  public static List<String> maskArgs(List<String> args) {
    List<String> out = new ArrayList<>(args.size());
    for (String a : args) {
      // --set=key=value is accepted too: mask by the key after the prefix, not by "--set".
      String prefix = a.startsWith("--set=") ? "--set=" : "";
      String kv = a.substring(prefix.length());
      int eq = kv.indexOf('=');
      out.add(
          eq > 0
              ? prefix + kv.substring(0, eq + 1) + mask(kv.substring(0, eq), kv.substring(eq + 1))
              : a);
    }
    return out;
  }

  private static Config build(
      Map<String, String> values, URI fileBase, java.util.Set<String> fromCli) {
    URI cwd = Path.of("").toAbsolutePath().toUri();
    Map<String, String> effective = new TreeMap<>();
    Map<String, String> spark = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (e.getKey().startsWith("spark.")) {
        spark.put(e.getKey(), e.getValue());
        effective.put(e.getKey(), mask(e.getKey(), e.getValue()));
      }
    }
    Map<ConfigKey, Object> typed = new LinkedHashMap<>();
    for (ConfigKey k : ConfigKey.values()) {
      String v = values.getOrDefault(k.key(), k.defaultValue());
      URI base = fromCli.contains(k.key()) ? cwd : fileBase;
      Object parsed = parse(k, v, base);
      typed.put(k, parsed);
      effective.put(k.key(), v == null ? "(unset)" : mask(k.key(), String.valueOf(parsed)));
    }
    int lateness = (Integer) typed.get(ConfigKey.LATENESS_DAYS);
    range(ConfigKey.LATENESS_DAYS, lateness, 0, 30);
    range(
        ConfigKey.INGEST_PARALLELISM,
        (Integer) typed.get(ConfigKey.INGEST_PARALLELISM),
        0,
        100_000);
    range(
        ConfigKey.INGEST_LISTING_THREADS,
        (Integer) typed.get(ConfigKey.INGEST_LISTING_THREADS),
        1,
        256);
    range(
        ConfigKey.INGEST_PARTITION_MB,
        (Integer) typed.get(ConfigKey.INGEST_PARTITION_MB),
        1,
        16_384);
    S3Budget s3 =
        new S3Budget(
            range(
                ConfigKey.S3_CONNECT_TIMEOUT_SECONDS,
                (Integer) typed.get(ConfigKey.S3_CONNECT_TIMEOUT_SECONDS),
                1,
                300),
            range(
                ConfigKey.S3_REQUEST_TIMEOUT_SECONDS,
                (Integer) typed.get(ConfigKey.S3_REQUEST_TIMEOUT_SECONDS),
                1,
                3600),
            range(ConfigKey.S3_RETRIES, (Integer) typed.get(ConfigKey.S3_RETRIES), 0, 10));
    range(
        ConfigKey.REPORT_BASELINE_DAYS,
        (Integer) typed.get(ConfigKey.REPORT_BASELINE_DAYS),
        1,
        3650);
    range(
        ConfigKey.REPORT_MAX_USER_AGENTS,
        (Integer) typed.get(ConfigKey.REPORT_MAX_USER_AGENTS),
        1,
        1000);
    range(
        ConfigKey.MAINTAIN_VACUUM_RETENTION_HOURS,
        (Integer) typed.get(ConfigKey.MAINTAIN_VACUUM_RETENTION_HOURS),
        0,
        100_000);
    for (String account : list(typed, ConfigKey.ACCOUNTS)) {
      if (!account.matches("\\d{12}")) {
        throw Errors.badValue(ConfigKey.ACCOUNTS.key(), account, "an account id is 12 digits");
      }
    }
    for (String region : list(typed, ConfigKey.REGIONS)) {
      if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
        throw Errors.badValue(ConfigKey.REGIONS.key(), region, "a region looks like us-east-1");
      }
    }
    if (typed.get(ConfigKey.INPUT) == null) {
      throw Errors.missingKey(
          ConfigKey.INPUT.key(),
          "the trail prefix that holds AWSLogs/ (e.g. s3a://bucket/prefix/)");
    }
    if (typed.get(ConfigKey.WAREHOUSE) == null) {
      throw Errors.missingKey(ConfigKey.WAREHOUSE.key(), "the folder that holds the Delta tables");
    }
    Map<String, String> logStore =
        LogStoreSettings.spark(
            (String) typed.get(ConfigKey.DELTA_LOG_STORE),
            (String) typed.get(ConfigKey.DELTA_DYNAMODB_TABLE),
            (String) typed.get(ConfigKey.DELTA_DYNAMODB_REGION),
            spark);
    spark.putAll(logStore);
    logStore.forEach(effective::put);
    String db = (String) typed.get(ConfigKey.CATALOG_DATABASE);
    if (!db.isEmpty() && !db.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw Errors.badValue(
          ConfigKey.CATALOG_DATABASE.key(), db, "a database name is letters, digits and _");
    }
    return new Config(
        (String) typed.get(ConfigKey.INPUT),
        (String) typed.get(ConfigKey.WAREHOUSE),
        (String) typed.get(ConfigKey.REPORTS),
        list(typed, ConfigKey.ACCOUNTS),
        list(typed, ConfigKey.REGIONS),
        list(typed, ConfigKey.SOURCES),
        lateness,
        (Integer) typed.get(ConfigKey.INGEST_PARALLELISM),
        (Integer) typed.get(ConfigKey.INGEST_LISTING_THREADS),
        (Integer) typed.get(ConfigKey.INGEST_PARTITION_MB),
        list(typed, ConfigKey.REPORT_SOURCES),
        (Integer) typed.get(ConfigKey.REPORT_BASELINE_DAYS),
        (Integer) typed.get(ConfigKey.REPORT_MAX_USER_AGENTS),
        (String) typed.get(ConfigKey.S3_ENDPOINT),
        (Boolean) typed.get(ConfigKey.S3_PATH_STYLE_ACCESS),
        (String) typed.get(ConfigKey.S3_REGION),
        s3,
        db,
        (Integer) typed.get(ConfigKey.MAINTAIN_VACUUM_RETENTION_HOURS),
        (Boolean) typed.get(ConfigKey.MAINTAIN_FORCE),
        (String) typed.get(ConfigKey.VERIFY_PUBLIC_KEYS),
        (String) typed.get(ConfigKey.VERIFY_BUCKET),
        (String) typed.get(ConfigKey.FINDINGS_RULES_FILE),
        list(typed, ConfigKey.FINDINGS_DISABLED_RULES),
        thresholds(list(typed, ConfigKey.FINDINGS_THRESHOLDS)),
        list(typed, ConfigKey.FINDINGS_ALLOW_ACTORS),
        list(typed, ConfigKey.FINDINGS_ALLOW_IPS),
        spark,
        effective);
  }

  /**
   * findings.thresholds: each item rule-id=N with N at least 1 (whether the rule exists is checked
   * with the rules).
   */
  static Map<String, Integer> thresholds(List<String> items) {
    Map<String, Integer> out = new TreeMap<>();
    for (String item : items) {
      int eq = item.indexOf('=');
      String n = eq > 0 ? item.substring(eq + 1).trim() : "";
      if (eq <= 0 || !n.matches("\\d{1,9}") || Integer.parseInt(n) < 1) {
        throw Errors.badValue(
            ConfigKey.FINDINGS_THRESHOLDS.key(),
            item,
            "each item must be rule-id=N with N a whole number of at least 1");
      }
      out.put(item.substring(0, eq).trim(), Integer.parseInt(n));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Map<ConfigKey, Object> typed, ConfigKey key) {
    return (List<String>) typed.get(key);
  }

  private static int range(ConfigKey key, int value, int min, int max) {
    if (value < min || value > max) {
      throw Errors.badValue(key.key(), value, "it must be between " + min + " and " + max);
    }
    return value;
  }

  private static Object parse(ConfigKey k, String v, URI base) {
    switch (k.type()) {
      case STRING:
        return v == null ? "" : v;
      case LOCATION:
        return v == null || v.isBlank() ? null : location(v, base);
      case INT:
        try {
          return Integer.parseInt(v);
        } catch (NumberFormatException e) {
          throw Errors.badValue(k.key(), v, "it must be a whole number");
        }
      case BOOL:
        if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
          return Boolean.parseBoolean(v);
        }
        throw Errors.badValue(k.key(), v, "it must be true or false");
      case LIST:
        List<String> items = new ArrayList<>();
        for (String s : v == null ? new String[0] : v.split(",")) {
          if (!s.isBlank()) {
            items.add(s.trim());
          }
        }
        return items;
      default:
        throw new IllegalStateException(k.type().name());
    }
  }

  /** A location as an absolute URI string without a trailing slash (s3:// becomes s3a://). */
  static String location(String v, URI base) {
    String s = v.trim();
    if (s.startsWith("s3://")) {
      s = "s3a://" + s.substring("s3://".length());
    }
    URI uri;
    if (s.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      uri = URI.create(s);
    } else {
      uri = base.resolve(s.replace(" ", "%20"));
    }
    String out = uri.normalize().toString();
    // Hadoop's own spelling of a local URI (file:/a/b), so Delta sees one path, not two.
    while (out.startsWith("file://")) {
      out = "file:" + out.substring("file://".length());
    }
    while (out.endsWith("/") && !out.endsWith(":/") && !out.endsWith("://")) {
      out = out.substring(0, out.length() - 1);
    }
    return out;
  }

  private static void validateKeys(Map<String, String> raw, String origin) {
    for (String key : raw.keySet()) {
      if (!key.startsWith("spark.") && ConfigKey.of(key) == null) {
        throw Errors.unknownKey(key, origin, ConfigKey.names());
      }
    }
  }

  private static URI toUri(String conf, URI base) {
    if (conf.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*")) {
      return URI.create(conf.startsWith("s3://") ? "s3a://" + conf.substring(5) : conf);
    }
    return base.resolve(Path.of(conf).toAbsolutePath().toUri());
  }

  private static String read(URI uri) {
    try {
      if ("file".equals(uri.getScheme())) {
        return Files.readString(Path.of(uri), StandardCharsets.UTF_8);
      }
      org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri);
      FileSystem fs = p.getFileSystem(new Configuration());
      try (InputStream in = fs.open(p)) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException | RuntimeException e) {
      throw Errors.unreadableConfig(uri.toString(), e);
    }
  }

  /** Parses YAML into dotted keys; nested maps become {@code a.b}, lists become comma lists. */
  static Map<String, String> parseYaml(String text, String origin) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (RuntimeException e) {
      throw Errors.usage(
          String.format(
              "The configuration file '%s' is not valid YAML: %s", origin, e.getMessage()));
    }
    Map<String, String> out = new LinkedHashMap<>();
    if (doc == null) {
      return out;
    }
    if (!(doc instanceof Map)) {
      throw Errors.usage(
          String.format(
              "The configuration file '%s' must be a YAML mapping of key: value.", origin));
    }
    flatten("", (Map<?, ?>) doc, out);
    return out;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      Object v = e.getValue();
      if (v instanceof Map && !key.startsWith("spark.")) {
        flatten(key + ".", (Map<?, ?>) v, out);
      } else if (v instanceof List) {
        List<String> parts = new ArrayList<>();
        for (Object o : (List<?>) v) {
          parts.add(String.valueOf(o));
        }
        out.put(key, String.join(",", parts));
      } else {
        out.put(key, v == null ? "" : String.valueOf(v));
      }
    }
  }

  /** The effective configuration as log lines, secrets masked. */
  public static List<String> describe(Config config) {
    List<String> lines = new ArrayList<>();
    config.effective().forEach((k, v) -> lines.add(k + " = " + v));
    return lines;
  }
}
