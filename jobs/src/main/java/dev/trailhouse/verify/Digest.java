package dev.trailhouse.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trailhouse.read.TrailLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One CloudTrail digest file: the log files delivered in its hour with their SHA-256, and the link
 * to the previous digest. Keys are relative from {@code AWSLogs/} (see {@link
 * TrailLayout#relativeKey}).
 *
 * @param content the uncompressed digest text (its SHA-256 is part of the signed string)
 */
public record Digest(
    String uri,
    String key,
    String endTime,
    String bucket,
    String s3Object,
    String previousKey,
    String previousSignature,
    String fingerprint,
    List<LogRef> logFiles,
    String content)
    implements Serializable {

  /** A log file a digest names. */
  public record LogRef(String key, String sha256) implements Serializable {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The stream a digest belongs to: its folder up to the region (account and layout). */
  public String stream() {
    int i = key.indexOf("/CloudTrail-Digest/");
    String region = key.substring(i + "/CloudTrail-Digest/".length()).split("/")[0];
    return key.substring(0, i) + "|" + region;
  }

  /** Parses the gzipped bytes of the digest at {@code uri}. */
  public static Digest parse(String uri, byte[] gz) throws IOException {
    byte[] text;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      text = in.readAllBytes();
    }
    JsonNode d = JSON.readTree(text);
    List<LogRef> files = new ArrayList<>();
    for (JsonNode f : d.path("logFiles")) {
      files.add(
          new LogRef(
              TrailLayout.relativeKey(f.path("s3Object").asText()),
              f.path("hashValue").asText().toLowerCase()));
    }
    return new Digest(
        uri,
        TrailLayout.relativeKey(uri),
        text(d, "digestEndTime"),
        text(d, "digestS3Bucket"),
        text(d, "digestS3Object"),
        d.hasNonNull("previousDigestS3Object")
            ? TrailLayout.relativeKey(d.get("previousDigestS3Object").asText())
            : null,
        text(d, "previousDigestSignature"),
        text(d, "digestPublicKeyFingerprint"),
        files,
        new String(text, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String text(JsonNode d, String field) {
    return d.hasNonNull(field) ? d.get(field).asText() : null;
  }
}
