package dev.trailhouse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3BudgetTest {
  @Test
  void theDefaultsFailASilentEndpointWithinThreeMinutes() {
    S3Budget b = ConfigLoader.load(null, List.of("input=/t", "warehouse=/w")).s3Budget();
    assertEquals(new S3Budget(5, 30, 1), b);
    assertEquals(4, b.tries());
    // 4 tries x (5 s + 30 s) + one S3A pause of 0.5 s + two SDK backoffs of at most 0.2 s.
    assertEquals(140.9, b.worstCaseSeconds(), 1e-9);
    assertTrue(b.worstCaseSeconds() < 180, "worst case " + b.worstCaseSeconds() + " s");
  }

  @Test
  void theKeysMapToHadoopAws334Settings() {
    S3Budget b =
        ConfigLoader.load(
                null,
                List.of(
                    "input=/t",
                    "warehouse=/w",
                    "s3.connect_timeout_seconds=2",
                    "s3.request_timeout_seconds=7",
                    "s3.retries=3"))
            .s3Budget();
    assertEquals(
        Map.of(
            "fs.s3a.connection.establish.timeout", "2000",
            "fs.s3a.connection.timeout", "7000",
            "fs.s3a.attempts.maximum", "3",
            "fs.s3a.retry.limit", "3",
            "fs.s3a.retry.interval", "500ms"),
        b.hadoopSettings());
    // 16 tries x 9 s + S3A pauses 0.5 + 1 + 1.5 s + 4 x SDK backoffs (0.2 + 0.4 + 0.8 s).
    assertEquals(16 * 9 + 3.0 + 4 * 1.4, b.worstCaseSeconds(), 1e-9);
  }

  @Test
  void outOfRangeValuesAreRejectedNamingTheKey() {
    TrailhouseException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            TrailhouseException.class,
            () -> ConfigLoader.load(null, List.of("input=/t", "warehouse=/w", "s3.retries=11")));
    assertEquals(
        "Configuration key 's3.retries' has value '11', but it must be between 0 and 10. Set it in the "
            + "--conf file or with --set s3.retries=...",
        e.getMessage());
  }

  @Test
  void aTimeoutAnywhereInTheCausesCounts() {
    assertTrue(
        S3Budget.timedOut(
            new RuntimeException(new IOException(new SocketTimeoutException("read")))));
    assertEquals(false, S3Budget.timedOut(new RuntimeException(new IOException("refused"))));
  }
}
