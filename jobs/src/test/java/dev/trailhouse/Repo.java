package dev.trailhouse;

import java.nio.file.Path;

/** Where the repository's committed files are, from the test JVM. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    String p = System.getProperty("trailhouse.repo.root");
    return (p == null ? Path.of("..") : Path.of(p)).toAbsolutePath().normalize();
  }

  public static Path sampleTrail() {
    return root().resolve("test-data").resolve("trail");
  }
}
