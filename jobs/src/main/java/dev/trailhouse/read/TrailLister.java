package dev.trailhouse.read;

import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.concurrent.DaemonPool;
import dev.trailhouse.config.Errors;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists the event files of the asked delivery days, for every account and region under the prefix,
 * in both the account and the organization layout. Lists only the account, region and asked day
 * folders; never the whole prefix, never digest or insight folders.
 */
public final class TrailLister {
  private static final Logger LOG = LoggerFactory.getLogger(TrailLister.class);

  /** Which folder of each account is listed: the log files, or CloudTrail's digest files. */
  public enum Folder {
    EVENTS("CloudTrail"),
    DIGESTS("CloudTrail-Digest");

    private final String name;

    Folder(String name) {
      this.name = name;
    }
  }

  private final FileSystem fs;
  private final Folder folder;
  private final Path root;
  private final Set<String> accounts;
  private final Set<String> regions;
  private final int threads;
  private final List<String> listed = Collections.synchronizedList(new ArrayList<>());
  private final List<String> skipped = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger other = new AtomicInteger();

  public TrailLister(FileSystem fs, String input, List<String> accounts, List<String> regions, int threads) {
    this(fs, input, accounts, regions, threads, Folder.EVENTS);
  }

  public TrailLister(FileSystem fs, String input, List<String> accounts, List<String> regions, int threads, Folder folder) {
    this.fs = fs;
    this.folder = folder;
    this.root = new Path(input + "/AWSLogs");
    this.accounts = Set.copyOf(accounts);
    this.regions = Set.copyOf(regions);
    this.threads = threads;
  }

  /** Lists the event files in the day folders of {@code days}. */
  public Listing list(List<LocalDate> days) {
    List<Path> accountDirs = accountDirs();
    ExecutorService pool = DaemonPool.fixed(threads, "trailhouse-list");
    try {
      List<Path> regionDirs = new ArrayList<>();
      for (List<Path> part : all(pool, accountDirs, this::regionDirs)) {
        regionDirs.addAll(part);
      }
      List<Path> dayDirs = new ArrayList<>();
      for (Path r : regionDirs) {
        for (LocalDate d : days) {
          dayDirs.add(new Path(r, TrailLayout.dayFolder(d)));
        }
      }
      List<LogFile> files = new ArrayList<>();
      for (List<LogFile> part : all(pool, dayDirs, this::dayFiles)) {
        files.addAll(part);
      }
      files.sort(Comparator.comparing(LogFile::uri));
      LOG.info(
          "Listed {} day folders under {} accounts: {} {} files ({} bytes), {} other objects skipped",
          dayDirs.size(),
          accountDirs.size(),
          files.size(),
          folder.name,
          files.stream().mapToLong(LogFile::size).sum(),
          other.get());
      List<String> folders = new ArrayList<>(listed);
      Collections.sort(folders);
      List<String> skippedPrefixes = new ArrayList<>(skipped);
      Collections.sort(skippedPrefixes);
      return new Listing(files, folders, other.get(), skippedPrefixes);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<Path> accountDirs() {
    List<Path> out = new ArrayList<>();
    FileStatus[] top;
    try {
      top = listOrEmpty(root);
      if (top == null) {
        throw Errors.inputNotFound(root.getParent().toString(), null);
      }
    } catch (IOException e) {
      throw Errors.inputNotFound(root.getParent().toString(), e);
    }
    for (FileStatus s : top) {
      String name = s.getPath().getName();
      if (!s.isDirectory()) {
        other.incrementAndGet();
      } else if (TrailLayout.isAccount(name)) {
        addAccount(out, s.getPath());
      } else if (TrailLayout.isOrganization(name)) {
        for (FileStatus a : listUnchecked(s.getPath())) {
          if (a.isDirectory() && TrailLayout.isAccount(a.getPath().getName())) {
            addAccount(out, a.getPath());
          } else {
            skipped.add(a.getPath().toString());
          }
        }
      } else {
        skipped.add(s.getPath().toString());
      }
    }
    return out;
  }

  private void addAccount(List<Path> out, Path dir) {
    if (accounts.isEmpty() || accounts.contains(dir.getName())) {
      out.add(dir);
    }
  }

  private List<Path> regionDirs(Path account) {
    List<Path> out = new ArrayList<>();
    for (FileStatus s : listUnchecked(account)) {
      if (!s.isDirectory() || !folder.name.equals(s.getPath().getName())) {
        skipped.add(s.getPath().toString());
        continue;
      }
      for (FileStatus r : listUnchecked(s.getPath())) {
        String region = r.getPath().getName();
        if (r.isDirectory()
            && TrailLayout.isRegion(region)
            && (regions.isEmpty() || regions.contains(region))) {
          out.add(r.getPath());
        }
      }
    }
    return out;
  }

  private List<LogFile> dayFiles(Path day) {
    List<LogFile> out = new ArrayList<>();
    for (FileStatus s : listUnchecked(day)) {
      String uri = s.getPath().toString();
      var loc =
          !s.isFile()
              ? java.util.Optional.<TrailLayout.Location>empty()
              : folder == Folder.EVENTS ? TrailLayout.locate(uri) : TrailLayout.locateDigest(uri);
      if (loc.isEmpty()) {
        other.incrementAndGet();
        continue;
      }
      out.add(
          new LogFile(
              uri,
              s.getLen(),
              s.getModificationTime(),
              loc.get().accountId(),
              loc.get().region(),
              loc.get().deliveryDate()));
    }
    return out;
  }

  private FileStatus[] listUnchecked(Path dir) {
    try {
      FileStatus[] s = listOrEmpty(dir);
      return s == null ? new FileStatus[0] : s;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private FileStatus[] listOrEmpty(Path dir) throws IOException {
    listed.add(dir.toString());
    try {
      return fs.listStatus(dir);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static <T, R> List<R> all(ExecutorService pool, List<T> inputs, java.util.function.Function<T, R> f) {
    List<Future<R>> futures = new ArrayList<>();
    for (T in : inputs) {
      futures.add(pool.submit(() -> f.apply(in)));
    }
    List<R> out = new ArrayList<>();
    try {
      for (Future<R> fu : futures) {
        out.add(fu.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Errors.run("Listing was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw Errors.run("Listing the trail failed: " + c.getMessage(), c);
    }
    return out;
  }
}
