package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The options every job shares: --conf and --set, and logging the effective configuration. */
final class CommonOptions {
  private static final Logger LOG = LoggerFactory.getLogger(CommonOptions.class);

  static final String HELP =
      "  --conf FILE         configuration file (YAML; local path or s3a:// URI)\n"
          + "  --set key=value     override one configuration key (repeatable; beats the file)\n"
          + "  --help              this text\n";

  private CommonOptions() {}

  static Config config(Args args) {
    Config config = ConfigLoader.load(args.value("--conf").orElse(null), args.values("--set"));
    LOG.info("Effective configuration:");
    for (String line : ConfigLoader.describe(config)) {
      LOG.info("  {}", line);
    }
    return config;
  }
}
