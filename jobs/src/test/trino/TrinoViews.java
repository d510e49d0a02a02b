// Run by AthenaViewsTest in a JVM of its own, as a single-file source program on a classpath of
// trino-parser 435 and its dependencies only (Trino's ANTLR 4.13 and Guava 32 would clash with Spark's
// on the test classpath). Parses each statement of a SQL file with Trino's SqlParser and prints one
// line per statement: its kind, its name, the tables it reads and the functions it calls.
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.CreateView;
import io.trino.sql.tree.DefaultTraversalVisitor;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

public class TrinoViews {
  public static void main(String[] args) throws Exception {
    SqlParser parser = new SqlParser();
    for (String sql : statements(Files.readString(Path.of(args[0])))) {
      Statement statement = parser.createStatement(sql);
      TreeSet<String> tables = new TreeSet<>();
      TreeSet<String> functions = new TreeSet<>();
      new DefaultTraversalVisitor<Void>() {
        @Override
        protected Void visitTable(Table node, Void context) {
          tables.add(node.getName().toString());
          return super.visitTable(node, context);
        }

        @Override
        protected Void visitFunctionCall(FunctionCall node, Void context) {
          functions.add(node.getName().toString());
          return super.visitFunctionCall(node, context);
        }
      }.process(statement, null);
      String name = statement instanceof CreateView v ? v.getName().toString() : "";
      System.out.println(statement.getClass().getSimpleName() + " " + name + " tables=" + String.join(",", tables)
          + " functions=" + String.join(",", functions));
    }
  }

  /** Statements end with a semicolon at the end of a line; comment lines are dropped (as SharedViews does). */
  static List<String> statements(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || t.startsWith("--")) {
        continue;
      }
      if (t.endsWith(";")) {
        cur.append(line, 0, line.lastIndexOf(';'));
        out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(line).append('\n');
      }
    }
    if (!cur.toString().isBlank()) {
      out.add(cur.toString().strip());
    }
    return out;
  }
}
