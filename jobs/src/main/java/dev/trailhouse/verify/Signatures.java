package dev.trailhouse.verify;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Digest signatures (SHA256withRSA). CloudTrail signs: digestEndTime + "\n" + bucket/key of the
 * digest + "\n" + hex SHA-256 of the uncompressed digest + "\n" + the previous digest's signature.
 * Public keys come from a folder (file name = fingerprint, PEM or DER), since the job cannot fetch
 * them.
 */
public final class Signatures {
  private final Map<String, PublicKey> keys;

  private Signatures(Map<String, PublicKey> keys) {
    this.keys = keys;
  }

  /** Loads every key of the folder; an empty folder name means no keys. */
  public static Signatures load(String folder) {
    Map<String, PublicKey> keys = new TreeMap<>();
    if (folder == null || folder.isBlank()) {
      return new Signatures(keys);
    }
    try (Stream<Path> s = Files.list(Path.of(folder))) {
      for (Path p : s.toList()) {
        byte[] bytes = Files.readAllBytes(p);
        String text = new String(bytes, StandardCharsets.US_ASCII);
        if (text.contains("BEGIN PUBLIC KEY")) {
          bytes = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
        }
        String name = p.getFileName().toString().replaceAll("\\.(pem|der|pub)$", "");
        keys.put(name, KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(bytes)));
      }
    } catch (Exception e) {
      throw dev.trailhouse.config.Errors.usage(
          "verify.public_keys '"
              + folder
              + "' cannot be read as a folder of RSA public keys "
              + "(PEM or DER, named by fingerprint): "
              + e.getMessage()
              + ". Fix the folder or leave the key empty.");
    }
    return new Signatures(keys);
  }

  public boolean enabled() {
    return !keys.isEmpty();
  }

  /** The string CloudTrail signs for a digest. */
  public static String signedString(Digest d) {
    return d.endTime()
        + "\n"
        + d.bucket()
        + "/"
        + d.s3Object()
        + "\n"
        + sha256(d.content().getBytes(StandardCharsets.UTF_8))
        + "\n"
        + (d.previousSignature() == null ? "null" : d.previousSignature());
  }

  /** Whether {@code hexSignature} is the digest's valid signature under its fingerprint's key. */
  public boolean verify(Digest d, String hexSignature) {
    PublicKey key = keys.get(d.fingerprint());
    if (key == null || hexSignature == null) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(key);
      s.update(signedString(d).getBytes(StandardCharsets.UTF_8));
      return s.verify(HexFormat.of().parseHex(hexSignature.trim()));
    } catch (Exception e) {
      return false;
    }
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
