package dev.trailhouse.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Delta's internal classes ({@code org.apache.spark.sql.delta}, whose shape may change in any Delta
 * release) are used by one main class only, the adapter, as the JDK's {@code jdeps -verbose:class}
 * reads it from the bytecode. Delta's public API ({@code io.delta.tables}) may be used anywhere.
 */
class DeltaInternalsTest {
  private static final Pattern EDGE =
      Pattern.compile(
          "^\\s+(dev\\.trailhouse\\.[\\w.$]+)\\s+->\\s+org\\.apache\\.spark\\.sql\\.delta\\.[\\w.$]+\\s",
          Pattern.MULTILINE);

  /**
   * Main classes (inner classes under their outer class) that use a class of
   * org.apache.spark.sql.delta.
   */
  static Set<String> users(String jdepsOutput) {
    Set<String> users = new TreeSet<>();
    Matcher m = EDGE.matcher(jdepsOutput);
    while (m.find()) {
      users.add(m.group(1).replaceAll("\\$.*", ""));
    }
    return users;
  }

  @Test
  void onlyTheAdapterTouchesDeltaInternals() {
    Path classes = Path.of(System.getProperty("trailhouse.build.dir", "target"), "classes");
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int rc =
        jdeps.run(new PrintWriter(out), new PrintWriter(out), "-verbose:class", classes.toString());
    assertEquals(0, rc, out.toString());
    assertEquals(Set.of("dev.trailhouse.delta.DeltaAdapter"), users(out.toString()));
  }

  @Test
  void readsJdepsLines() {
    String sample =
        String.join(
            "\n",
            List.of(
                "   dev.trailhouse.delta.DeltaAdapter                  -> org.apache.spark.sql.delta.DeltaLog      not found",
                "   dev.trailhouse.delta.DeltaAdapter$DataFile          -> java.lang.Object                        java.base",
                "   dev.trailhouse.write.Foo$1                         -> org.apache.spark.sql.delta.actions.AddFile not found",
                "   dev.trailhouse.write.Bar                           -> io.delta.tables.DeltaTable               not found",
                ""));
    assertEquals(
        Set.of("dev.trailhouse.delta.DeltaAdapter", "dev.trailhouse.write.Foo"), users(sample));
  }
}
