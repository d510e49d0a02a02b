package dev.trailhouse.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The main classes' package graph, as the JDK's own {@code jdeps -verbose:package} reads it from
 * the bytecode (imports, fully qualified names and constants alike), has no cycle.
 */
class PackageCyclesTest {
  private static final Pattern EDGE =
      Pattern.compile(
          "^\\s+(dev\\.trailhouse[\\w.]*)\\s+->\\s+([\\w.$]+)\\s+.*$", Pattern.MULTILINE);

  /** Package -> packages it uses, from jdeps over the compiled main classes. */
  static Map<String, Set<String>> packageGraph() throws Exception {
    Path classes = Path.of(System.getProperty("trailhouse.build.dir", "target"), "classes");
    assertFalse(!Files.isDirectory(classes), "no compiled classes at " + classes);
    ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
    StringWriter out = new StringWriter();
    int rc =
        jdeps.run(
            new PrintWriter(out), new PrintWriter(out), "-verbose:package", classes.toString());
    assertEquals(0, rc, out.toString());
    Map<String, Set<String>> graph = new TreeMap<>();
    Matcher m = EDGE.matcher(out.toString());
    while (m.find()) {
      graph.computeIfAbsent(m.group(1), k -> new TreeSet<>());
      if (!m.group(1).equals(m.group(2))) {
        graph.get(m.group(1)).add(m.group(2));
      }
    }
    return graph;
  }

  /** Strongly connected components of more than one package (Tarjan). */
  static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    List<Set<String>> found = new ArrayList<>();
    for (String v : graph.keySet()) {
      if (!index.containsKey(v)) {
        connect(v, graph, index, low, stack, found);
      }
    }
    return found;
  }

  private static void connect(
      String v,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      List<Set<String>> found) {
    index.put(v, index.size());
    low.put(v, index.get(v));
    stack.push(v);
    for (String w : graph.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        connect(w, graph, index, low, stack, found);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      Set<String> component = new TreeSet<>();
      String w;
      do {
        w = stack.pop();
        component.add(w);
      } while (!w.equals(v));
      if (component.size() > 1) {
        found.add(component);
      }
    }
  }

  @Test
  void mainPackagesHaveNoCycle() throws Exception {
    Map<String, Set<String>> graph = packageGraph();
    assertFalse(graph.size() < 10, "jdeps saw too few packages: " + graph.keySet());
    assertEquals(List.of(), cycles(graph), "package cycles in the main classes");
  }

  @Test
  void cycleFinderFindsACycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    graph.put("a", Set.of("b"));
    graph.put("b", Set.of("c"));
    graph.put("c", Set.of("a"));
    graph.put("d", Set.of("a"));
    assertEquals(List.of(Set.of("a", "b", "c")), cycles(graph));
  }
}
