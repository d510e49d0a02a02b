package dev.trailhouse.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.ChildRun;
import dev.trailhouse.Repo;
import dev.trailhouse.TestSpark;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret-looking --set values never reach the logs or ingest_runs; the effective config shows ****
 * instead.
 */
class SecretsTest {
  @TempDir Path dir;

  @Test
  void secretsAreMaskedEverywhere() throws Exception {
    Path wh = dir.resolve("wh");
    ChildRun.Result r =
        ChildRun.start(
                dir,
                Map.of(),
                "ingest",
                "--from",
                "2025-03-24",
                "--to",
                "2025-03-24",
                "--conf",
                Repo.root().resolve("conf/local.yaml").toString(),
                "--set",
                "warehouse=" + wh,
                "--set",
                "lateness_days=0",
                "--set",
                "spark.hadoop.fs.s3a.secret.key=SUPERSECRETVALUE123",
                "--set",
                "spark.hadoop.fs.s3a.session.token=TOKENVALUE456")
            .await(300);
    assertEquals(0, r.exit(), r.err());
    String all = r.out() + r.err();
    assertFalse(all.contains("SUPERSECRETVALUE123"), "secret key in the logs");
    assertFalse(all.contains("TOKENVALUE456"), "session token in the logs");
    assertTrue(
        r.err().contains("spark.hadoop.fs.s3a.secret.key = ****"),
        "the effective config shows the key, masked");
    String args =
        TestSpark.session()
            .read()
            .format("delta")
            .load(wh.resolve("ingest_runs").toUri().toString())
            .first()
            .getAs("arguments");
    assertFalse(args.contains("SUPERSECRETVALUE123") || args.contains("TOKENVALUE456"), args);
    assertTrue(args.contains("spark.hadoop.fs.s3a.secret.key=****"), args);
  }
}
