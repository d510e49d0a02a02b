package dev.trailhouse.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.TrailFixture;
import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.ledger.Reject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile file content: every good record is kept, every bad one is rejected with a reason. */
class FileParserTest {
  private static final LogFile FILE =
      new LogFile(
          "file:/t/f.json.gz", 1, 1, "111122223333", "us-east-1", LocalDate.of(2025, 3, 24));
  private static final String T = "2025-03-24T10:00:00Z";

  record Result(FileOutcome outcome, List<Object[]> rows, List<Reject> rejects) {
    List<String> reasons() {
      return rejects.stream().map(r -> r.recordIndex() + ":" + r.reason()).toList();
    }
  }

  static Result parse(byte[] bytes) throws IOException {
    FileContent content = new FileContent().read(new ByteArrayInputStream(bytes));
    List<Object[]> rows = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    FileOutcome o =
        new FileParser(List.of())
            .parse(FILE, content, row -> rows.add(row.toObjects()), rejects::add);
    assertTrue(o.balanced(), "records == events + filtered + rejects: " + o);
    assertEquals(rejects.size(), o.rejected());
    return new Result(o, rows, rejects);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static String records(String... recs) {
    return "{\"Records\":[" + String.join(",", recs) + "]}";
  }

  @Test
  void truncatedGzipKeepsTheCompleteRecordsBeforeTheBreak() throws IOException {
    // Flush the deflater after each record, so the compressed stream can be cut inside record 3.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    int cutAt;
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes, true)) {
      gz.write(
          utf8(
              "{\"Records\":["
                  + TrailFixture.event("a", T, "s", "n")
                  + ","
                  + TrailFixture.event("b", T, "s", "n")
                  + ","));
      gz.flush();
      int before = bytes.size();
      gz.write(utf8(TrailFixture.event("c", T, "s", "n") + "]}"));
      gz.flush();
      cutAt = (before + bytes.size()) / 2;
    }
    Result r = parse(Arrays.copyOf(bytes.toByteArray(), cutAt));
    assertEquals(2, r.outcome.events());
    assertEquals(3, r.outcome.records());
    assertEquals(1, r.rejects().size());
    Reject rej = r.rejects().get(0);
    assertEquals(2, rej.recordIndex());
    assertTrue(
        rej.reason()
            .startsWith("the file ends inside this record (truncated); the gzip stream is damaged"),
        rej.reason());
  }

  @Test
  void gzipOfGarbageIsOneRejectedFile() throws IOException {
    byte[] garbage = new byte[200];
    new java.util.Random(1).nextBytes(garbage);
    garbage[0] = 0x1f;
    garbage[1] = (byte) 0x8b;
    Result r = parse(garbage);
    assertEquals(0, r.outcome.events());
    assertEquals(1, r.outcome.records());
    assertEquals(-1, r.rejects().get(0).recordIndex());
    assertTrue(r.reasons().get(0).contains("gzip stream is damaged"), r.reasons().toString());
  }

  @Test
  void plainJsonIsRead() throws IOException {
    Result r =
        parse(
            utf8(
                records(
                    TrailFixture.event("a", T, "s", "n"), TrailFixture.event("b", T, "s", "n"))));
    assertEquals(2, r.outcome.events());
    assertEquals(List.of(), r.reasons());
  }

  @Test
  void emptyAndZeroByteFiles() throws IOException {
    assertEquals(List.of("-1:empty file: no content"), parse(new byte[0]).reasons());
    assertEquals(
        List.of("-1:empty file: no content"), parse(TrailFixture.gzip(new byte[0])).reasons());
    Result emptyRecords = parse(TrailFixture.gzip(utf8("{\"Records\":[]}")));
    assertEquals(0, emptyRecords.outcome.records());
    assertEquals(List.of(), emptyRecords.reasons());
  }

  @Test
  void wrongShapes() throws IOException {
    assertEquals(
        List.of("-1:the file is not a JSON object {\"Records\":[...]}"),
        parse(TrailFixture.gzip(utf8("[1,2]"))).reasons());
    assertEquals(
        List.of("-1:the file is neither gzip nor a JSON object {\"Records\":[...]}"),
        parse(utf8("hello")).reasons());
    assertEquals(
        List.of("-1:\"Records\" is not an array"),
        parse(utf8("{\"Records\":{\"a\":1}}")).reasons());
    assertEquals(
        List.of("-1:the file has no \"Records\" array"), parse(utf8("{\"other\":[1]}")).reasons());
    Result r = parse(utf8(records("[1]", "\"x\"", TrailFixture.event("a", T, "s", "n"), "null")));
    assertEquals(
        List.of(
            "0:the record is not a JSON object (it is an array)",
            "1:the record is not a JSON object (it is a string)",
            "3:the record is not a JSON object (it is null)"),
        r.reasons());
    assertEquals(1, r.outcome.events());
  }

  @Test
  void invalidUtf8RejectsOnlyThatRecord() throws IOException {
    byte[] good = utf8(TrailFixture.event("a", T, "s", "n"));
    byte[] bad = utf8(TrailFixture.event("b", T, "s", "XX"));
    int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf("XX");
    bad[at] = (byte) 0xC3;
    bad[at + 1] = (byte) 0x28;
    byte[] file = concat(utf8("{\"Records\":["), good, utf8(","), bad, utf8("]}"));
    Result r = parse(TrailFixture.gzip(file));
    assertEquals(1, r.outcome.events());
    assertEquals(1, r.rejects().size());
    assertTrue(r.reasons().get(0).startsWith("1:invalid UTF-8 at byte"), r.reasons().toString());
  }

  @Test
  void deepNestingAndHugeStringsDoNotCrash() throws IOException {
    String deep =
        "{\"eventID\":\"d\",\"eventTime\":\""
            + T
            + "\",\"requestParameters\":"
            + "[".repeat(10_000)
            + "]".repeat(10_000)
            + "}";
    String big =
        "{\"eventID\":\"big\",\"eventTime\":\""
            + T
            + "\",\"requestParameters\":{\"k\":\""
            + "x".repeat(20_000_000)
            + "\"}}";
    Result r =
        parse(TrailFixture.gzip(utf8(records(deep, TrailFixture.event("a", T, "s", "n"), big))));
    assertEquals(1, r.reasons().size());
    assertTrue(
        r.reasons().get(0).startsWith("0:the record exceeds a parser limit (nesting depth 1000"),
        r.reasons().toString());
    assertEquals(2, r.outcome.events());
  }

  @Test
  void hundredThousandRecordsInOneFile() throws IOException {
    List<String> recs = TrailFixture.events("e", 100_000, T);
    Result r = parse(TrailFixture.gzip(utf8(records(recs.toArray(new String[0])))));
    assertEquals(100_000, r.outcome.events());
    assertEquals(100_000, r.rows.size());
  }

  @Test
  void keysThatDifferOnlyInCaseAreDistinct() throws IOException {
    String rec =
        "{\"eventID\":\"a\",\"eventTime\":\""
            + T
            + "\",\"requestParameters\":{\"Name\":\"x\",\"name\":\"y\"}}";
    Result r = parse(utf8(records(rec)));
    assertEquals(
        java.util.Map.of("Name", "x", "name", "y"),
        r.rows.get(0)[dev.trailhouse.table.EventsTable.index("request_parameters")]);
  }

  @Test
  void impossibleTimesAreRejectedAndTheirNeighboursKept() throws IOException {
    // Delivered 2025-03-24: the last plausible instant is 2025-03-26T00:00:00Z. Each bad time
    // appears
    // twice: as a plain record (fast path) and with an escaped key (the fast path declines it, so
    // the reference flattener decides).
    String[] times = {
      T,
      "2262-04-12T00:00:00Z",
      "2013-10-31T23:59:59Z",
      "2013-11-01T00:00:00Z",
      "2025-03-26T00:00:00Z",
      "2025-03-26T00:00:01Z"
    };
    List<String> recs = new ArrayList<>();
    for (int i = 0; i < times.length; i++) {
      recs.add(TrailFixture.event("f" + i, times[i], "s", "n"));
      recs.add("{\"eventID\":\"s" + i + "\",\"eventTime\":\"" + times[i] + "\",\"x\\u0079\":1}");
    }
    FileContent content =
        new FileContent()
            .read(
                new ByteArrayInputStream(
                    TrailFixture.gzip(utf8(records(recs.toArray(new String[0]))))));
    FileParser parser = new FileParser(List.of());
    List<String> ids = new ArrayList<>();
    List<Reject> rejects = new ArrayList<>();
    FileOutcome o =
        parser.parse(
            FILE,
            content,
            row ->
                ids.add(
                    (String) row.toObjects()[dev.trailhouse.table.EventsTable.index("event_id")]),
            rejects::add);
    assertTrue(o.balanced(), o.toString());
    assertEquals(List.of("f0", "s0", "f3", "s3", "f4", "s4"), ids);
    assertEquals(6, parser.paths()[0]);
    assertEquals(6, parser.paths()[1]);
    String after = " is more than a day after the file's delivery day 2025-03-24";
    String before = " is before 2013-11-01, when CloudTrail did not yet exist";
    assertEquals(
        List.of(
            "2:eventTime 2262-04-12T00:00:00Z" + after,
            "3:eventTime 2262-04-12T00:00:00Z" + after,
            "4:eventTime 2013-10-31T23:59:59Z" + before,
            "5:eventTime 2013-10-31T23:59:59Z" + before,
            "10:eventTime 2025-03-26T00:00:01Z" + after,
            "11:eventTime 2025-03-26T00:00:01Z" + after),
        rejects.stream().map(r -> r.recordIndex() + ":" + r.reason()).toList());
    assertEquals(rejects.size(), o.rejected());
    assertEquals("file:/t/f.json.gz", rejects.get(0).file());
    assertTrue(
        rejects.get(0).snippet().startsWith("{\"eventVersion\":\"1.08\",\"eventID\":\"f1\""),
        rejects.get(0).snippet());
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int i = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, i, p.length);
      i += p.length;
    }
    return out;
  }
}
