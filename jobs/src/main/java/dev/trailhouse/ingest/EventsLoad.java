package dev.trailhouse.ingest;

import dev.trailhouse.config.Errors;
import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.spark.HadoopConf;
import dev.trailhouse.write.EventsCommit;
import dev.trailhouse.write.parquet.EventsFile;
import io.delta.exceptions.DeltaConcurrentModificationException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets a run's events into the table exactly once: the read tasks' data files are checked run-wide
 * against each other and against the table (the key check), the tasks that hold losing copies are
 * rewritten without them, and the files are committed in one Delta transaction; a concurrent commit
 * to the same dates sends the check round again. Files that end up uncommitted are deleted.
 */
final class EventsLoad {
  private static final Logger LOG = LoggerFactory.getLogger(EventsLoad.class);
  private static final int ATTEMPTS = 6;

  /** What the load did. */
  record Result(
      long written,
      long duplicatesInTasks,
      long duplicatesAcross,
      long duplicatesInTable,
      int files,
      long bytes,
      long version) {}

  private final SparkSession spark;
  private final String table;
  private final ReadTask.Spec spec;
  private final TreeMap<Integer, Bins.Bin> bins = new TreeMap<>();
  private final TreeMap<Integer, TaskResult> results = new TreeMap<>();
  private final TreeMap<Integer, long[]> skips = new TreeMap<>();
  private long inTable;

  EventsLoad(
      SparkSession spark,
      String table,
      ReadTask.Spec spec,
      List<Bins.Bin> bins,
      List<TaskResult> first) {
    this.spark = spark;
    this.table = table;
    this.spec = spec;
    for (Bins.Bin b : bins) {
      this.bins.put(b.index(), b);
    }
    for (TaskResult r : first) {
      results.put(r.bin(), r);
    }
    if (results.size() != bins.size()) {
      throw Errors.run(
          "Got results of " + results.size() + " of " + bins.size() + " read tasks", null);
    }
  }

  Result commit(Set<LocalDate> dates, String tag, PhaseTimes times) {
    boolean committed = false;
    try {
      for (int attempt = 1; ; attempt++) {
        EventsCommit commit = EventsCommit.begin(spark, table, dates);
        times.lap("snapshot");
        check(commit);
        times.lap("key-check");
        List<EventsFile.Written> files = new ArrayList<>();
        List<LocalDate> fileDates = new ArrayList<>();
        long bytes = 0;
        for (TaskResult r : results.values()) {
          for (TaskResult.Output o : r.files()) {
            files.add(o.file());
            fileDates.add(o.date());
            bytes += o.file().size();
          }
        }
        long written = results.values().stream().mapToLong(TaskResult::written).sum();
        long version = commit.readVersion();
        if (!files.isEmpty()) {
          try {
            version = commit.commit(files, fileDates, tag);
            times.lap("commit");
          } catch (DeltaConcurrentModificationException e) {
            if (attempt >= ATTEMPTS) {
              throw Errors.run(
                  "Could not commit the events after "
                      + attempt
                      + " attempts: concurrent runs keep adding "
                      + "to the same dates. Nothing of this run is in the table; re-run when the others finish.",
                  e);
            }
            LOG.warn(
                "Another run committed to the same dates first ({}); checking its rows and trying again",
                e.getClass().getSimpleName());
            continue;
          }
        }
        committed = true;
        long inTasks = results.values().stream().mapToLong(TaskResult::duplicates).sum();
        long skipped = results.values().stream().mapToLong(TaskResult::skipped).sum();
        return new Result(
            written, inTasks, skipped - inTable, inTable, files.size(), bytes, version);
      }
    } finally {
      deleteKeys();
      if (!committed) {
        deleteFiles(results.values());
      }
    }
  }

  /**
   * The run-wide key check against the table as the commit sees it; rewrites the tasks with losers.
   */
  private void check(EventsCommit commit) {
    List<String> keyFiles = new ArrayList<>();
    for (TaskResult r : results.values()) {
      if (r.keys() != null) {
        keyFiles.add(r.keys());
      }
    }
    if (keyFiles.size() <= 1 && !commit.tableHasRows()) {
      return; // one task and an empty table: nothing to compare with
    }
    long keys = results.values().stream().mapToLong(TaskResult::written).sum();
    Map<Integer, long[]> losers =
        !commit.tableHasRows() && keys <= KeyCheck.DRIVER_KEYS
            ? KeyCheck.losersOnDriver(keyFiles, keys, spec.conf())
            : KeyCheck.losers(
                spark, keyFiles, commit.tableHasRows() ? commit.existing() : null, spec.conf());
    if (losers.isEmpty()) {
      LOG.info(
          "Key check: no event of this run is in another task or in the table (version {})",
          commit.readVersion());
      return;
    }
    List<ReadStage.Work> rewrite = new ArrayList<>();
    List<TaskResult> replaced = new ArrayList<>();
    long lost = 0;
    for (Map.Entry<Integer, long[]> e : losers.entrySet()) {
      long[] ordinals = new long[e.getValue().length];
      for (int i = 0; i < ordinals.length; i++) {
        long v = e.getValue()[i];
        inTable += (v & KeyCheck.IN_TABLE) != 0 ? 1 : 0;
        ordinals[i] = v & ~KeyCheck.IN_TABLE;
      }
      lost += ordinals.length;
      long[] skip = merge(skips.getOrDefault(e.getKey(), new long[0]), ordinals);
      skips.put(e.getKey(), skip);
      TaskResult old = results.get(e.getKey());
      replaced.add(old);
      if (ordinals.length == old.written()) {
        // Every row it wrote is known already: drop its files, nothing to read again.
        results.put(
            e.getKey(),
            new TaskResult(
                old.bin(),
                old.outcomes(),
                List.of(),
                old.events(),
                old.duplicates(),
                old.skipped() + ordinals.length,
                0,
                null,
                old.fastRecords(),
                old.slowRecords(),
                old.rejects()));
      } else {
        rewrite.add(new ReadStage.Work(bins.get(e.getKey()), skip));
      }
    }
    LOG.info(
        "Key check: {} rows of {} tasks are already in another task or in the table; rewriting {} tasks",
        lost,
        losers.size(),
        rewrite.size());
    for (TaskResult r : ReadStage.run(spark, spec, rewrite)) {
      TaskResult old = results.get(r.bin());
      if (!sameInput(old, r)) {
        deleteFiles(List.of(r));
        throw Errors.run(
            "A log file of task "
                + r.bin()
                + " changed while the run read it (its records differ between "
                + "two reads); nothing was committed. Re-run the ingest.",
            null);
      }
      results.put(r.bin(), r);
      if (old.rejects() != null) {
        delete(old.rejects(), false); // the rewrite wrote the same rejects again
      }
    }
    deleteFiles(replaced);
  }

  private static boolean sameInput(TaskResult a, TaskResult b) {
    if (a.events() != b.events()
        || a.duplicates() != b.duplicates()
        || a.outcomes().size() != b.outcomes().size()) {
      return false;
    }
    for (int i = 0; i < a.outcomes().size(); i++) {
      FileOutcome x = a.outcomes().get(i);
      FileOutcome y = b.outcomes().get(i);
      if (x.records() != y.records() || x.events() != y.events() || x.readable() != y.readable()) {
        return false;
      }
    }
    return true;
  }

  private static long[] merge(long[] a, long[] b) {
    long[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    Arrays.sort(c);
    return Arrays.stream(c).distinct().toArray();
  }

  List<FileOutcome> outcomes() {
    List<FileOutcome> out = new ArrayList<>();
    for (TaskResult r : results.values()) {
      out.addAll(r.outcomes());
    }
    return out;
  }

  /** The reject files of the kept task attempts. */
  List<String> rejectFiles() {
    List<String> out = new ArrayList<>();
    for (TaskResult r : results.values()) {
      if (r.rejects() != null) {
        out.add(r.rejects());
      }
    }
    return out;
  }

  long events() {
    return results.values().stream().mapToLong(TaskResult::events).sum();
  }

  long[] paths() {
    long fast = 0;
    long slow = 0;
    for (TaskResult r : results.values()) {
      fast += r.fastRecords();
      slow += r.slowRecords();
    }
    return new long[] {fast, slow};
  }

  private void deleteFiles(java.util.Collection<TaskResult> rs) {
    for (TaskResult r : rs) {
      for (TaskResult.Output o : r.files()) {
        delete(o.file().path(), false);
      }
    }
  }

  private void deleteKeys() {
    delete(spec.keysDir(), true);
  }

  private void delete(String path, boolean recursive) {
    try {
      Path p = new Path(path);
      p.getFileSystem(spec.conf().get()).delete(p, recursive);
    } catch (IOException e) {
      LOG.warn("Could not delete {} ({}); VACUUM removes uncommitted files", path, e.getMessage());
    }
  }

  /**
   * Removes key folders that runs which died left behind (older than two days: no run takes that
   * long). Their data files were never committed; VACUUM removes those.
   */
  static void removeStaleKeys(String keysRoot, HadoopConf conf, long now) {
    try {
      Path root = new Path(keysRoot);
      org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(conf.get());
      if (!fs.exists(root)) {
        return;
      }
      for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(root)) {
        if (now - s.getModificationTime() > 48L * 3600 * 1000) {
          LOG.info("Removing key folder {} left by a run that did not finish", s.getPath());
          fs.delete(s.getPath(), true);
        }
      }
    } catch (IOException e) {
      LOG.warn("Could not clean {} ({})", keysRoot, e.getMessage());
    }
  }

  /**
   * Deletes a folder and what it holds; a failure is logged (a later run removes stale folders).
   */
  static void delete(String path, HadoopConf conf) {
    try {
      Path p = new Path(path);
      p.getFileSystem(conf.get()).delete(p, true);
    } catch (IOException e) {
      LOG.warn("Could not delete {} ({}); a later run removes it", path, e.getMessage());
    }
  }

  static HadoopConf conf(SparkSession spark) {
    return new HadoopConf(spark.sessionState().newHadoopConf());
  }
}
