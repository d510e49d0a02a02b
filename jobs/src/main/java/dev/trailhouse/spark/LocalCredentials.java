package dev.trailhouse.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a local run's s3a finds AWS credentials: the places the AWS CLI looks, so that a laptop
 * with {@code AWS_PROFILE} (or a default profile) works as well as environment variables and an
 * instance profile. S3A's own default chain has no profile provider. Only local sessions use this
 * chain; on a cluster s3a keeps the cluster's own (EMR: the instance profile).
 *
 * <p>The names are the AWS SDK v1 ones that hadoop-aws 3.3 loads; hadoop-aws 3.4 (SDK v2, as on EMR
 * 7.10+) maps each of them to its SDK v2 counterpart, whose profile provider also reads SSO logins.
 * SDK v1 (Spark's own Hadoop 3.3.4) reads static keys, {@code role_arn} and {@code
 * credential_process} profiles from the credentials file, not SSO ones (docs/own-trail.md).
 */
public final class LocalCredentials {
  /** The Spark setting that names the s3a credential providers, tried in order. */
  public static final String SETTING = "spark.hadoop.fs.s3a.aws.credentials.provider";

  static final String TEMPORARY = "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider";
  static final String SIMPLE = "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider";
  static final String ENVIRONMENT = "com.amazonaws.auth.EnvironmentVariableCredentialsProvider";
  static final String PROFILE = "com.amazonaws.auth.profile.ProfileCredentialsProvider";
  static final String INSTANCE = "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider";

  private LocalCredentials() {}

  /** The chain for this process's environment and home folder. */
  public static String providers() {
    return providers(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * fs.s3a.* keys (session or key and secret), environment variables, the profile (only when a
   * profile file exists: SDK v1's profile provider then throws an error that ends the chain instead
   * of passing to the next provider), then the instance profile.
   */
  static String providers(Map<String, String> env, Path home) {
    List<String> chain = new ArrayList<>(List.of(TEMPORARY, SIMPLE, ENVIRONMENT));
    if (profileFileExists(env, home)) {
      chain.add(PROFILE);
    }
    chain.add(INSTANCE);
    return String.join(",", chain);
  }

  /** A credentials or config file where SDK v1 or v2 looks for profiles. */
  static boolean profileFileExists(Map<String, String> env, Path home) {
    List<Path> candidates = new ArrayList<>();
    for (String var :
        List.of("AWS_CREDENTIAL_PROFILES_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE")) {
      String v = env.get(var);
      if (v != null && !v.isEmpty()) {
        candidates.add(Path.of(v));
      }
    }
    candidates.add(home.resolve(".aws").resolve("credentials"));
    candidates.add(home.resolve(".aws").resolve("config"));
    return candidates.stream().anyMatch(Files::isRegularFile);
  }
}
