package dev.trailhouse.read;

import dev.trailhouse.concurrent.DaemonPool;
import dev.trailhouse.config.Errors;
import dev.trailhouse.ledger.LogFile;
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
 * folders; never the whole prefix, never digest or insight folders. What it sees there and does not
 * read is counted by kind and named ({@link Listing#skipped()}); files read although not in
 * CloudTrail's standard form too ({@link Listing#nonstandard()}).
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

  /** Kinds of object or folder under the prefix that a listing does not read. */
  public enum Skip {
    /** Digest folders (when listing log files). */
    DIGEST_FOLDER("digest-folder"),
    /** Log file folders (when listing digests). */
    LOG_FOLDER("log-folder"),
    INSIGHT_FOLDER("insight-folder"),
    /** A folder under AWSLogs/ that holds no account folder, e.g. AWSLogs/notes/. */
    NO_ACCOUNTS("folder-without-accounts"),
    /** Any other folder where CloudTrail puts none: not a region, or inside a day folder. */
    OTHER_FOLDER("other-folder"),
    /** An object above the day folders. */
    LOOSE_OBJECT("loose-object"),
    /** An object in a day folder that is not a .json or .json.gz file. */
    OTHER_OBJECT("other-object"),
    ACCOUNT_NOT_ASKED("account-not-asked"),
    REGION_NOT_ASKED("region-not-asked");

    public final String name;

    Skip(String name) {
      this.name = name;
    }
  }

  /** Read, but named: an organization folder whose id does not look like o-xxxxxxxxxx. */
  public static final String NONSTANDARD_ORGANIZATION = "organization-id";

  /** Read, but named: a log file whose name is not CloudTrail's. */
  public static final String NONSTANDARD_FILE_NAME = "file-name";

  private final List<String> listed = Collections.synchronizedList(new ArrayList<>());
  private final Tally skipped = new Tally();
  private final Tally nonstandard = new Tally();

  private static final String INSIGHTS = "CloudTrail-Insight";
  private final AtomicInteger other = new AtomicInteger();

  public TrailLister(
      FileSystem fs, String input, List<String> accounts, List<String> regions, int threads) {
    this(fs, input, accounts, regions, threads, Folder.EVENTS);
  }

  public TrailLister(
      FileSystem fs,
      String input,
      List<String> accounts,
      List<String> regions,
      int threads,
      Folder folder) {
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
      if (!skipped.isEmpty()) {
        LOG.info("Not read under {}: {}", root, skipped.json());
      }
      if (!nonstandard.isEmpty()) {
        LOG.warn("Read although not in CloudTrail's standard form: {}", nonstandard.json());
      }
      List<String> folders = new ArrayList<>(listed);
      Collections.sort(folders);
      return new Listing(files, folders, other.get(), skipped, nonstandard);
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
      if (!s.isDirectory()) {
        skip(Skip.LOOSE_OBJECT, s);
      } else if (TrailLayout.isAccount(s.getPath().getName())) {
        addAccount(out, s);
      } else {
        organization(out, s);
      }
    }
    return out;
  }

  /**
   * A folder under AWSLogs/ that is not an account: an organization folder when it holds account
   * folders, whatever its id looks like; otherwise skipped and named.
   */
  private void organization(List<Path> out, FileStatus org) {
    List<FileStatus> others = new ArrayList<>();
    boolean holdsAccounts = false;
    for (FileStatus a : listUnchecked(org.getPath())) {
      if (a.isDirectory() && TrailLayout.isAccount(a.getPath().getName())) {
        holdsAccounts = true;
        addAccount(out, a);
      } else {
        others.add(a);
      }
    }
    if (!holdsAccounts) {
      skip(Skip.NO_ACCOUNTS, org);
      return;
    }
    if (!TrailLayout.isOrganization(org.getPath().getName())) {
      nonstandard.add(NONSTANDARD_ORGANIZATION, key(org));
    }
    for (FileStatus o : others) {
      skip(o.isDirectory() ? Skip.OTHER_FOLDER : Skip.LOOSE_OBJECT, o);
    }
  }

  private void addAccount(List<Path> out, FileStatus dir) {
    if (accounts.isEmpty() || accounts.contains(dir.getPath().getName())) {
      out.add(dir.getPath());
    } else {
      skip(Skip.ACCOUNT_NOT_ASKED, dir);
    }
  }

  private List<Path> regionDirs(Path account) {
    List<Path> out = new ArrayList<>();
    for (FileStatus s : listUnchecked(account)) {
      String name = s.getPath().getName();
      if (!s.isDirectory()) {
        skip(Skip.LOOSE_OBJECT, s);
        continue;
      }
      if (!folder.name.equals(name)) {
        skip(
            Folder.EVENTS.name.equals(name)
                ? Skip.LOG_FOLDER
                : Folder.DIGESTS.name.equals(name)
                    ? Skip.DIGEST_FOLDER
                    : INSIGHTS.equals(name) ? Skip.INSIGHT_FOLDER : Skip.OTHER_FOLDER,
            s);
        continue;
      }
      for (FileStatus r : listUnchecked(s.getPath())) {
        String region = r.getPath().getName();
        if (!r.isDirectory()) {
          skip(Skip.LOOSE_OBJECT, r);
        } else if (!TrailLayout.isRegion(region)) {
          skip(Skip.OTHER_FOLDER, r);
        } else if (regions.isEmpty() || regions.contains(region)) {
          out.add(r.getPath());
        } else {
          skip(Skip.REGION_NOT_ASKED, r);
        }
      }
    }
    return out;
  }

  private List<LogFile> dayFiles(Path day) {
    List<LogFile> out = new ArrayList<>();
    for (FileStatus s : listUnchecked(day)) {
      String uri = s.getPath().toString();
      if (s.isDirectory()) {
        skip(Skip.OTHER_FOLDER, s);
        continue;
      }
      var loc = folder == Folder.EVENTS ? TrailLayout.locate(uri) : TrailLayout.locateDigest(uri);
      if (loc.isEmpty()) {
        other.incrementAndGet();
        skip(Skip.OTHER_OBJECT, s);
        continue;
      }
      if (folder == Folder.EVENTS && !TrailLayout.isStandardName(uri)) {
        nonstandard.add(NONSTANDARD_FILE_NAME, key(s));
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

  private void skip(Skip kind, FileStatus s) {
    skipped.add(kind.name, key(s));
  }

  /** The key from AWSLogs/ on; a folder's ends with '/'. */
  private static String key(FileStatus s) {
    String k = TrailLayout.relativeKey(s.getPath().toString());
    return s.isDirectory() ? k + "/" : k;
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

  private static <T, R> List<R> all(
      ExecutorService pool, List<T> inputs, java.util.function.Function<T, R> f) {
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
