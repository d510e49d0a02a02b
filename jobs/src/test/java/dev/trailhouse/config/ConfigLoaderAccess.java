package dev.trailhouse.config;

import java.util.Map;

/** Test access to the YAML flattening of ConfigLoader. */
public final class ConfigLoaderAccess {
  private ConfigLoaderAccess() {}

  public static Map<String, String> parse(String yaml) {
    return ConfigLoader.parseYaml(yaml, "test");
  }
}
