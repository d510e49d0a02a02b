package dev.trailhouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged job jar leaves Delta to the cluster (EMR's delta-defaults): it holds none of Delta's
 * classes.
 */
class JarContentsIT {
  @Test
  void jobJarHoldsNoDeltaClasses() throws Exception {
    Path jar = Path.of(System.getProperty("trailhouse.jar", "target/trailhouse-jobs.jar"));
    try (JarFile f = new JarFile(jar.toFile())) {
      List<String> names = f.stream().map(JarEntry::getName).toList();
      assertTrue(names.contains("dev/trailhouse/cli/Main.class"), "not the job jar: " + jar);
      List<String> delta =
          names.stream()
              .filter(n -> n.startsWith("io/delta/") || n.startsWith("org/apache/spark/sql/delta/"))
              .toList();
      assertEquals(
          List.of(),
          delta.subList(0, Math.min(5, delta.size())),
          delta.size() + " Delta entries in " + jar);
    }
  }
}
