package dev.trailhouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CellsTest {
  @Test
  void formulasAreNeutralisedAndQuotingIsRfc4180() {
    assertEquals("'=1+1", Cells.csv("=1+1"));
    assertEquals("'+cmd", Cells.csv("+cmd"));
    assertEquals("'-2", Cells.csv("-2"));
    assertEquals("'@SUM(A1)", Cells.csv("@SUM(A1)"));
    assertEquals(
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", Cells.csv("=HYPERLINK(\"http://x\",\"y\")"));
    assertEquals("\"a,b\"", Cells.csv("a,b"));
    assertEquals("", Cells.csv(null));
    assertEquals("plain", Cells.csv("plain"));
    assertEquals("a,,\"x\ny\"\r\n", Cells.csvLine(Arrays.asList("a", null, "x\ny")));
    assertEquals(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;",
        HtmlReport.esc("<script>alert('x')</script> & \""));
  }
}
