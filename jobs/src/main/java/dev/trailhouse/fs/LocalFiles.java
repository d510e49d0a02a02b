package dev.trailhouse.fs;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsConstants;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a forked process per file. Without Hadoop's
 * native library (never on the classpath Maven builds), Hadoop 3.3 runs {@code readlink} for every
 * file status (so once per entry of every listing) and {@code chmod} for every file and folder it
 * creates; a Delta commit on a local folder forks dozens of them. This one reads and sets the same
 * attributes through java.nio. Local sessions only (the embedded default and the tests): a cluster
 * keeps Hadoop's own.
 */
public final class LocalFiles extends LocalFileSystem {
  /** The Spark setting that selects it. */
  public static final String SETTING = "spark.hadoop.fs.file.impl";

  public LocalFiles() {
    super(new Raw());
  }

  /** The raw (checksum-less) part. */
  public static final class Raw extends RawLocalFileSystem {
    @Override
    public FileStatus getFileStatus(Path f) throws IOException {
      java.io.File file = pathToFile(f);
      PosixFileAttributes a;
      try {
        a = Files.readAttributes(file.toPath(), PosixFileAttributes.class);
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + f + " does not exist");
      } catch (UnsupportedOperationException e) {
        return super.getFileStatus(f); // not a POSIX file system
      }
      return new FileStatus(
          a.isDirectory() ? file.length() : a.size(),
          a.isDirectory(),
          1,
          getDefaultBlockSize(f),
          a.lastModifiedTime().toMillis(),
          a.lastAccessTime().toMillis(),
          permission(a.permissions()),
          a.owner().getName(),
          a.group().getName(),
          new Path(file.getPath()).makeQualified(getUri(), getWorkingDirectory()));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f); // Hadoop's, with the link's target
      }
      return getFileStatus(f); // FileNotFoundException when there is none, as Hadoop's
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(p, permission); // java.nio cannot set it
        return;
      }
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
      } catch (UnsupportedOperationException e) {
        super.setPermission(p, permission);
      }
    }
  }

  /**
   * The same for the FileContext API (Delta's log store writes and renames its commits through it).
   * Hadoop loads it by its (URI, Configuration) constructor.
   */
  public static final class Context extends ChecksumFs {
    /** The Spark setting that selects it. */
    public static final String SETTING = "spark.hadoop.fs.AbstractFileSystem.file.impl";

    public Context(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawContext(uri, conf));
    }
  }

  static final class RawContext extends DelegateToFileSystem {
    RawContext(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    public boolean isValidName(String src) {
      return true; // as Hadoop's RawLocalFs: any local name is valid
    }
  }

  /**
   * The mode's nine permission bits as java.nio's set (Hadoop's and java.nio's rwx strings are the
   * same).
   */
  static Set<PosixFilePermission> posix(short mode) {
    return PosixFilePermissions.fromString(new FsPermission((short) (mode & 0777)).toString());
  }

  static FsPermission permission(Set<PosixFilePermission> set) {
    return FsPermission.valueOf("-" + PosixFilePermissions.toString(set));
  }
}
