package dev.trailhouse.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialsTest {
  static final String WITHOUT_PROFILE =
      "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider,"
          + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,com.amazonaws.auth.EnvironmentVariableCredentialsProvider,"
          + "org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider";
  static final String WITH_PROFILE =
      "org.apache.hadoop.fs.s3a.TemporaryAWSCredentialsProvider,"
          + "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider,com.amazonaws.auth.EnvironmentVariableCredentialsProvider,"
          + "com.amazonaws.auth.profile.ProfileCredentialsProvider,org.apache.hadoop.fs.s3a.auth.IAMInstanceCredentialsProvider";

  @TempDir Path home;

  @Test
  void noProfileFileLeavesTheProfileProviderOut() {
    assertEquals(WITHOUT_PROFILE, LocalCredentials.providers(Map.of(), home));
    // A variable naming a file that does not exist counts for nothing.
    assertEquals(
        WITHOUT_PROFILE,
        LocalCredentials.providers(
            Map.of(
                "AWS_CONFIG_FILE",
                home.resolve("nope").toString(),
                "AWS_SHARED_CREDENTIALS_FILE",
                ""),
            home));
  }

  @Test
  void aProfileFileInTheHomeFolderOrNamedByAVariableAddsIt() throws Exception {
    Path aws = Files.createDirectories(home.resolve(".aws"));
    Files.writeString(aws.resolve("config"), "[default]\nregion = eu-west-1\n");
    assertEquals(WITH_PROFILE, LocalCredentials.providers(Map.of(), home));
    Files.delete(aws.resolve("config"));
    Files.writeString(aws.resolve("credentials"), "[default]\n");
    assertEquals(WITH_PROFILE, LocalCredentials.providers(Map.of(), home));
    Files.delete(aws.resolve("credentials"));
    for (String var :
        new String[] {
          "AWS_CREDENTIAL_PROFILES_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CONFIG_FILE"
        }) {
      Path f = Files.writeString(home.resolve(var), "[profile x]\n");
      assertEquals(
          WITH_PROFILE,
          LocalCredentials.providers(Map.of(var, f.toString()), home.resolve("elsewhere")),
          var);
    }
  }
}
