package dev.trailhouse.config;

import java.io.InterruptedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long one S3 request may take before the run gives up: the connect and request (socket)
 * timeouts and the retries, at both layers that retry (the AWS SDK inside S3A, and S3A around it).
 * With the defaults a dead or silent endpoint fails a request in about 141 s ({@link
 * #worstCaseSeconds()}).
 *
 * @param connectSeconds longest wait to open a connection
 * @param requestSeconds longest silence while waiting on a request's answer
 * @param retries retries of a failed request by the SDK, and of the SDK's failure by S3A
 */
public record S3Budget(int connectSeconds, int requestSeconds, int retries) {
  /** S3A's pause before its n-th retry is n times this (fs.s3a.retry.interval). */
  static final double S3A_RETRY_INTERVAL_SECONDS = 0.5;

  /**
   * The SDK's n-th retry waits at most min(20 s, 0.1 s * 2^n) (its default backoff, full jitter).
   */
  static final double SDK_BACKOFF_BASE_SECONDS = 0.1;

  static final double SDK_BACKOFF_CAP_SECONDS = 20;

  /** The hadoop-aws 3.3.4 settings (fs.s3a.*) that give this budget. */
  public Map<String, String> hadoopSettings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fs.s3a.connection.establish.timeout", String.valueOf(connectSeconds * 1000L));
    m.put("fs.s3a.connection.timeout", String.valueOf(requestSeconds * 1000L));
    m.put("fs.s3a.attempts.maximum", String.valueOf(retries));
    m.put("fs.s3a.retry.limit", String.valueOf(retries));
    m.put("fs.s3a.retry.interval", (long) (S3A_RETRY_INTERVAL_SECONDS * 1000) + "ms");
    return m;
  }

  /** Tries of one request at most: every S3A attempt is one SDK call with its own retries. */
  public int tries() {
    return (retries + 1) * (retries + 1);
  }

  /**
   * The longest one request to an endpoint that accepts connections slowly and never answers can
   * take: every try waits out both timeouts, plus S3A's pauses and each SDK call's backoff.
   */
  public double worstCaseSeconds() {
    double sdkBackoff = 0;
    for (int n = 1; n <= retries; n++) {
      sdkBackoff += Math.min(SDK_BACKOFF_CAP_SECONDS, SDK_BACKOFF_BASE_SECONDS * Math.pow(2, n));
    }
    double s3aPauses = S3A_RETRY_INTERVAL_SECONDS * retries * (retries + 1) / 2.0;
    return tries() * (double) (connectSeconds + requestSeconds)
        + s3aPauses
        + (retries + 1) * sdkBackoff;
  }

  /**
   * Whether a failure comes from a connect or request timeout (S3A reports both as interrupted
   * I/O).
   */
  public static boolean timedOut(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof InterruptedIOException) {
        return true;
      }
    }
    return false;
  }
}
