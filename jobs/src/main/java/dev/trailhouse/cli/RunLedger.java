package dev.trailhouse.cli;

import dev.trailhouse.config.Config;
import dev.trailhouse.config.Errors;
import dev.trailhouse.config.S3Budget;
import dev.trailhouse.ledger.Abandoned;
import dev.trailhouse.ledger.RunRecord;
import dev.trailhouse.ledger.RunRecord.Status;
import dev.trailhouse.write.CommandRunsTable;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a command's run on the {@code command_runs} ledger: a {@code running} row when it starts, a
 * heartbeat every {@link RunRecord#HEARTBEAT} while it lives, and {@code succeeded} or {@code
 * failed} with the error when it ends. On the way in it marks {@code abandoned} the runs still
 * shown running whose process is gone ({@link Abandoned}).
 */
final class RunLedger {
  private static final Logger LOG = LoggerFactory.getLogger(RunLedger.class);

  /** How a command's body ended: its exit code and, when not 0, why. */
  record Ending(int exitCode, String message) {}

  private final SparkSession spark;
  private final Config config;
  private final String path;
  private final Clock clock;
  private final RunRecord start;
  private ScheduledExecutorService heartbeat;

  private RunLedger(SparkSession spark, Config config, Clock clock, RunRecord start) {
    this.spark = spark;
    this.config = config;
    this.path = config.table(CommandRunsTable.NAME);
    this.clock = clock;
    this.start = start;
  }

  /** Runs {@code body} as run {@code runId} of {@code command}, recorded from start to end. */
  static int run(
      SparkSession spark,
      Config config,
      String command,
      String runId,
      String arguments,
      Supplier<Ending> body) {
    Clock clock = Clock.systemUTC();
    java.time.Instant now = clock.instant();
    RunRecord first =
        RunRecord.running(
            new RunRecord(
                runId,
                command,
                arguments,
                Status.RUNNING,
                null,
                now,
                now,
                null,
                host(),
                ProcessHandle.current().pid(),
                null),
            now);
    RunLedger ledger = new RunLedger(spark, config, clock, first);
    ledger.begin();
    Ending end;
    try {
      end = body.get();
    } catch (RuntimeException | Error e) {
      RuntimeException shown = ledger.explain(e);
      ledger.end(Status.FAILED, shown == null ? String.valueOf(e) : shown.getMessage());
      if (shown != null) {
        throw shown;
      }
      throw e;
    }
    ledger.end(end.exitCode() == 0 ? Status.SUCCEEDED : Status.FAILED, end.message());
    return end.exitCode();
  }

  private void begin() {
    CommandRunsTable.ensure(spark, path);
    CommandRunsTable.append(spark, path, List.of(start));
    heartbeat = dev.trailhouse.concurrent.DaemonPool.scheduled("trailhouse-heartbeat");
    // Beside the command's own work, not before it; the end waits for it.
    heartbeat.execute(this::markAbandoned);
    long every = RunRecord.HEARTBEAT.toMillis();
    heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
  }

  private void markAbandoned() {
    try {
      markAbandonedNow();
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not look for abandoned runs in {} ({}); the next run looks again",
          path,
          e.getMessage());
    }
  }

  private void markAbandonedNow() {
    String host = host();
    List<RunRecord> gone =
        Abandoned.find(
            CommandRunsTable.running(spark, path),
            clock.instant(),
            host,
            pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
            start.runId());
    for (RunRecord r : gone) {
      LOG.warn(
          "Run {} ({} started {}) is marked abandoned: {}",
          r.runId(),
          r.command(),
          r.startedAt(),
          r.message());
    }
    CommandRunsTable.append(spark, path, gone);
  }

  private void beat() {
    try {
      CommandRunsTable.append(spark, path, List.of(RunRecord.running(start, clock.instant())));
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not record the heartbeat of run {} in {} ({}); trying again in {}",
          start.runId(),
          path,
          e.getMessage(),
          RunRecord.HEARTBEAT);
    }
  }

  private void end(Status status, String message) {
    heartbeat.shutdown();
    try {
      // The end row must come after the last heartbeat, or the run would read as running again.
      heartbeat.awaitTermination(5, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      CommandRunsTable.append(spark, path, List.of(start.ended(status, message, clock.instant())));
    } catch (RuntimeException e) {
      LOG.error(
          "Could not record the end ({}) of run {} in {}; a later run marks it abandoned",
          status.word(),
          start.runId(),
          path,
          e);
    }
  }

  /**
   * A failure that comes from an S3 timeout, said in words that name the endpoint and the keys;
   * else null.
   */
  private RuntimeException explain(Throwable e) {
    boolean s3 = config.input().startsWith("s3a:") || config.warehouse().startsWith("s3a:");
    if (!s3 || !S3Budget.timedOut(e)) {
      return null;
    }
    String endpoint =
        config.s3Endpoint().isEmpty()
            ? "the AWS endpoint" + (config.s3Region().isEmpty() ? "" : " of " + config.s3Region())
            : config.s3Endpoint();
    return Errors.s3Unresponsive(endpoint, config.s3Budget(), e);
  }

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }
}
