package dev.trailhouse.hostile;

import dev.trailhouse.TrailFixture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * The hostile-input corpus of test-data/hostile/: one log file per case, deterministic bytes, and
 * what ingest must make of each (events kept, rejects with reasons). Regenerate with {@code
 * GENERATE_CORPUS=1 mvn -pl jobs test -Dtest=HostileCorpusTest} and review the diff.
 */
final class HostileCorpus {
  static final String ACCOUNT = "222233334444";
  static final String FOLDER = "AWSLogs/" + ACCOUNT + "/CloudTrail/us-east-1/2025/04/01/";
  static final String T = "2025-04-01T10:00:00Z";

  /**
   * A case: its file name part, bytes, expected event ids and expected rejects "index:reason
   * prefix".
   */
  record Case(String name, byte[] bytes, List<String> events, List<String> rejects) {
    String file() {
      return FOLDER + ACCOUNT + "_CloudTrail_us-east-1_20250401T0000Z_" + name + ".json.gz";
    }
  }

  static String ev(String id) {
    return TrailFixture.event(id, T, "connect.amazonaws.com", "DescribeQueue");
  }

  static String ev(String id, String extraFields) {
    String e = ev(id);
    return e.substring(0, e.length() - 1) + "," + extraFields + "}";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gz(String s) {
    return TrailFixture.gzip(utf8(s));
  }

  static String records(String... r) {
    return "{\"Records\":[" + String.join(",", r) + "]}";
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(
        new Case(
            "h01truncatedgzip",
            truncated(),
            List.of("t0", "t1"),
            List.of("2:the file ends inside this record (truncated); the gzip stream is damaged")));
    byte[] garbage = new byte[512];
    new Random(7).nextBytes(garbage);
    garbage[0] = 0x1f;
    garbage[1] = (byte) 0x8b;
    garbage[2] = 8;
    garbage[3] = 0;
    c.add(new Case("h02gzipofgarbage", garbage, List.of(), List.of("-1:")));
    c.add(
        new Case(
            "h03plainjson", utf8(records(ev("p0"), ev("p1"))), List.of("p0", "p1"), List.of()));
    c.add(new Case("h04emptygzip", gz(""), List.of(), List.of("-1:empty file: no content")));
    c.add(new Case("h05zerobytes", new byte[0], List.of(), List.of("-1:empty file: no content")));
    c.add(
        new Case(
            "h06rootnotobject",
            gz("[" + ev("r0") + "]"),
            List.of(),
            List.of("-1:the file is not a JSON object")));
    c.add(
        new Case(
            "h07recordsnotarray",
            gz("{\"Records\":" + ev("r1") + "}"),
            List.of(),
            List.of("-1:\"Records\" is not an array")));
    c.add(
        new Case(
            "h08recordnotobject",
            gz(records("1", "\"text\"", "null", ev("n0"))),
            List.of("n0"),
            List.of(
                "0:the record is not a JSON object (it is a number)",
                "1:the record is not a JSON object (it is a string)",
                "2:the record is not a JSON object (it is null)")));
    c.add(
        new Case(
            "h09badeventid",
            gz(
                records(
                    "{\"eventTime\":\"" + T + "\"}",
                    "{\"eventID\":42,\"eventTime\":\"" + T + "\"}",
                    "{\"eventID\":\"\",\"eventTime\":\"" + T + "\"}",
                    "{\"eventID\":\"has space\",\"eventTime\":\"" + T + "\"}",
                    ev("i0"))),
            List.of("i0"),
            List.of(
                "0:the record has no eventID",
                "1:eventID is not a string (it is a number)",
                "2:eventID is malformed: ''",
                "3:eventID is malformed: 'has space'")));
    c.add(
        new Case(
            "h10eventtimes",
            gz(
                records(
                    TrailFixture.event("tm0", "2025-03-26 16:43:57.000000000", "s", "n"),
                    TrailFixture.event("tm1", "2025-04-01T12:00:00+02:00", "s", "n"),
                    TrailFixture.event("tm2", "2025-04-01T10:00:00.123Z", "s", "n"),
                    TrailFixture.event("tm3", "not-a-time", "s", "n"),
                    "{\"eventID\":\"tm4\"}")),
            List.of("tm0", "tm1", "tm2"),
            List.of(
                "3:eventTime is not a timestamp: 'not-a-time'", "4:the record has no eventTime")));
    c.add(
        new Case(
            "h11readonlystring",
            gz(
                records(
                    ev("ro0", "\"readOnly\":\"true\""),
                    ev("ro1", "\"readOnly\":\"FALSE\""),
                    ev("ro2", "\"readOnly\":\"maybe\""))),
            List.of("ro0", "ro1"),
            List.of("2:readOnly is not a boolean: 'maybe'")));
    c.add(
        new Case(
            "h12requestparamsstring",
            gz(
                records(
                    "{\"eventID\":\"rp0\",\"eventTime\":\""
                        + T
                        + "\",\"requestParameters\":\"{\\\"InstanceId\\\":\\\"i-9\\\"}\"}",
                    "{\"eventID\":\"rp1\",\"eventTime\":\""
                        + T
                        + "\",\"requestParameters\":\"plain text\"}",
                    "{\"eventID\":\"rp2\",\"eventTime\":\""
                        + T
                        + "\",\"requestParameters\":[1,{\"a\":null},[]]}")),
            List.of("rp0", "rp1", "rp2"),
            List.of()));
    c.add(
        new Case(
            "h13duplicatekeys",
            gz(
                records(
                    "{\"eventID\":\"dk0\",\"eventID\":\"dk9\",\"eventTime\":\"" + T + "\"}",
                    "{\"eventID\":\"dk1\",\"eventTime\":\""
                        + T
                        + "\",\"requestParameters\":{\"a\":1,\"a\":2}}")),
            List.of("dk1"),
            List.of("0:duplicate key 'eventID' in the record")));
    c.add(
        new Case(
            "h14invalidutf8",
            invalidUtf8(),
            List.of("u0", "u2"),
            List.of("1:invalid UTF-8 at byte")));
    c.add(
        new Case(
            "h15hugestring",
            gz(
                records(
                    ev(
                        "hs0",
                        "\"additionalEventData\":{\"blob\":\"" + "x".repeat(20_000_000) + "\"}"),
                    ev("hs1"))),
            List.of("hs0", "hs1"),
            List.of()));
    c.add(
        new Case(
            "h16deepnesting",
            gz(
                records(
                    ev("dn0"),
                    "{\"eventID\":\"dn1\",\"eventTime\":\""
                        + T
                        + "\",\"requestParameters\":"
                        + "{\"a\":".repeat(10_000)
                        + "1"
                        + "}".repeat(10_000)
                        + "}",
                    ev("dn2"))),
            List.of("dn0", "dn2"),
            List.of("1:the record exceeds a parser limit (nesting depth 1000")));
    List<String> many = new ArrayList<>();
    List<String> manyIds = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(ev("m" + i));
      manyIds.add("m" + i);
    }
    c.add(
        new Case(
            "h17hundredthousand", gz(records(many.toArray(new String[0]))), manyIds, List.of()));
    c.add(
        new Case(
            "h18caseonlykeys",
            gz(
                records(
                    "{\"eventID\":\"ck0\",\"eventTime\":\""
                        + T
                        + "\",\"requestParameters\":{\"Name\":\"A\",\"name\":\"b\",\"NAME\":\"c\"},\"EventID\":\"other\"}")),
            List.of("ck0"),
            List.of()));
    c.add(
        new Case(
            "h19notgzipnotjson",
            utf8("PK\u0003\u0004 this is a zip, not a log"),
            List.of(),
            List.of("-1:the file is neither gzip nor a JSON object")));
    return c;
  }

  private static byte[] truncated() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, true)) {
      gz.write(utf8("{\"Records\":[" + ev("t0") + "," + ev("t1") + ","));
      gz.flush();
      int before = bytes.size();
      gz.write(utf8(ev("t2") + ","));
      gz.flush();
      int cut = (before + bytes.size()) / 2;
      gz.write(utf8(ev("t3") + "," + ev("t4") + "]}"));
      gz.finish();
      return Arrays.copyOf(bytes.toByteArray(), cut);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] invalidUtf8() {
    byte[] bad = utf8(ev("u1", "\"userAgent\":\"XX\""));
    int at = new String(bad, StandardCharsets.ISO_8859_1).indexOf("XX");
    bad[at] = (byte) 0xFF;
    bad[at + 1] = (byte) 0xFE;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(utf8("{\"Records\":[" + ev("u0") + ","));
    out.writeBytes(bad);
    out.writeBytes(utf8("," + ev("u2") + "]}"));
    return TrailFixture.gzip(out.toByteArray());
  }

  static void write(Path root) throws IOException {
    for (Case c : cases()) {
      Path f = root.resolve(c.file());
      Files.createDirectories(f.getParent());
      Files.write(f, c.bytes());
    }
  }
}
