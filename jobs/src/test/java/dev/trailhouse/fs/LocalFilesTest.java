package dev.trailhouse.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LocalFiles answers as Hadoop's own local file system does, through both Hadoop APIs. */
class LocalFilesTest {
  @TempDir java.nio.file.Path dir;
  private final Configuration conf = new Configuration(false);
  private FileSystem ours;
  private FileSystem hadoops;

  @BeforeEach
  void open() throws Exception {
    conf.set("fs.file.impl", LocalFiles.class.getName());
    conf.set("fs.AbstractFileSystem.file.impl", LocalFiles.Context.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
    ours = FileSystem.get(java.net.URI.create("file:///"), conf);
    hadoops = new RawLocalFileSystem();
    hadoops.initialize(java.net.URI.create("file:///"), new Configuration(false));
  }

  private static void assertSame(FileStatus want, FileStatus got) {
    assertEquals(want.getPath(), got.getPath());
    assertEquals(want.isDirectory(), got.isDirectory());
    assertEquals(want.getLen(), got.getLen());
    assertEquals(want.getModificationTime(), got.getModificationTime());
    assertEquals(want.getPermission(), got.getPermission());
    assertEquals(want.getOwner(), got.getOwner());
    assertEquals(want.getGroup(), got.getGroup());
    assertEquals(want.getBlockSize(), got.getBlockSize());
  }

  @Test
  void statusOfFilesAndFoldersIsHadoops() throws Exception {
    assertTrue(ours instanceof LocalFiles);
    java.nio.file.Path file = Files.writeString(dir.resolve("a b.json"), "{\"Records\":[]}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    java.nio.file.Path sub = Files.createDirectories(dir.resolve("day=2025-03-24"));
    for (java.nio.file.Path p : new java.nio.file.Path[] {file, sub, dir}) {
      Path h = new Path(p.toUri());
      assertSame(hadoops.getFileStatus(h), ours.getFileStatus(h));
      assertSame(hadoops.getFileStatus(h), ours.getFileLinkStatus(h));
    }
    FileStatus[] want = hadoops.listStatus(new Path(dir.toUri()));
    FileStatus[] got = ours.listStatus(new Path(dir.toUri()));
    Arrays.sort(want);
    Arrays.sort(got);
    assertEquals(want.length, got.length);
    for (int i = 0; i < want.length; i++) {
      assertSame(want[i], got[i]);
    }
  }

  @Test
  void aMissingPathIsNotFound() {
    Path missing = new Path(dir.resolve("missing").toUri());
    assertThrows(FileNotFoundException.class, () -> ours.getFileStatus(missing));
    assertThrows(FileNotFoundException.class, () -> ours.getFileLinkStatus(missing));
  }

  @Test
  void aSymbolicLinkIsHadoopsToAnswer() throws Exception {
    java.nio.file.Path target = Files.writeString(dir.resolve("target"), "x");
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link"), target);
    Path l = new Path(link.toUri());
    // A link is left to Hadoop's own code, whatever it answers.
    assertEquals(hadoops.getFileLinkStatus(l).isSymlink(), ours.getFileLinkStatus(l).isSymlink());
    assertEquals(hadoops.getFileLinkStatus(l).getLen(), ours.getFileLinkStatus(l).getLen());
    // Its status is the target's.
    assertFalse(ours.getFileStatus(l).isSymlink());
    assertEquals(1, ours.getFileStatus(l).getLen());
    assertEquals(hadoops.getFileStatus(l).getLen(), ours.getFileStatus(l).getLen());
  }

  @Test
  void createdFilesAndFoldersGetTheModeAsked() throws Exception {
    Path folder = new Path(dir.resolve("f").toUri());
    assertTrue(ours.mkdirs(folder, new FsPermission((short) 0750)));
    assertEquals(
        "rwxr-x---",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f"))));
    ours.setPermission(folder, new FsPermission((short) 0705));
    assertEquals(
        "rwx---r-x",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f"))));
    for (short mode = 0; mode < 01000; mode++) {
      assertEquals(mode, LocalFiles.permission(LocalFiles.posix(mode)).toShort());
    }
  }

  @Test
  void fileContextWritesAndRenamesAsDeltasLogStoreDoes() throws Exception {
    FileContext fc = FileContext.getFileContext(java.net.URI.create("file:///"), conf);
    Path tmp = new Path(dir.resolve("_delta_log/.00000000000000000000.json.tmp").toUri());
    Path commit = new Path(dir.resolve("_delta_log/00000000000000000000.json").toUri());
    try (FSDataOutputStream out =
        fc.create(tmp, EnumSet.of(CreateFlag.CREATE), Options.CreateOpts.createParent())) {
      out.write("{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(tmp, commit, Options.Rename.NONE);
    assertArrayEquals(
        "{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8),
        Files.readAllBytes(dir.resolve("_delta_log/00000000000000000000.json")));
    assertFalse(Files.exists(dir.resolve("_delta_log/.00000000000000000000.json.tmp")));
    // A commit that exists already is never replaced (what makes a Delta commit atomic).
    try (FSDataOutputStream out = fc.create(tmp, EnumSet.of(CreateFlag.CREATE))) {
      out.write('x');
    }
    assertThrows(
        org.apache.hadoop.fs.FileAlreadyExistsException.class,
        () -> fc.rename(tmp, commit, Options.Rename.NONE));
  }
}
