package dev.trailhouse.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part the driver cannot see as its task wrote it stops the report instead of shortening a file.
 */
class ReportFilesTest {
  @TempDir Path dir;

  @Test
  void aMissingOrShortPartIsAnErrorThatNamesTheFix() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    org.apache.hadoop.fs.Path parts = new org.apache.hadoop.fs.Path(dir.toUri());
    Files.writeString(dir.resolve("part-00000-7.csv"), "a,b\r\n");
    assertDoesNotThrow(() -> ReportFiles.check(fs, parts, "part-00000-7.csv", 5));
    IOException shorter =
        assertThrows(IOException.class, () -> ReportFiles.check(fs, parts, "part-00000-7.csv", 9));
    assertTrue(shorter.getMessage().contains("holds 5"), shorter.getMessage());
    IOException missing =
        assertThrows(IOException.class, () -> ReportFiles.check(fs, parts, "part-00001-8.csv", 5));
    assertTrue(
        missing.getMessage().contains("is missing") && missing.getMessage().contains("share"),
        missing.getMessage());
  }
}
