package dev.trailhouse.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The physical floor: gunzip plus a Jackson streaming pass over every token of every file, one
 * thread per core, no Spark, nothing written. No ingest can be faster than this on the same
 * machine.
 */
public final class Floor {
  private Floor() {}

  /** Returns the number of tokens seen (so the JIT cannot drop the work). */
  public static long run(List<Path> files, int threads) {
    JsonFactory f =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    try {
      List<Future<Long>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        parts.add(
            pool.submit(
                () -> {
                  long tokens = 0;
                  for (int i = next.getAndIncrement();
                      i < files.size();
                      i = next.getAndIncrement()) {
                    try (InputStream in =
                            new GZIPInputStream(Files.newInputStream(files.get(i)), 1 << 16);
                        JsonParser p = f.createParser(in)) {
                      while (p.nextToken() != null) {
                        tokens++;
                      }
                    }
                  }
                  return tokens;
                }));
      }
      long total = 0;
      for (Future<Long> p : parts) {
        total += p.get();
      }
      return total;
    } catch (Exception e) {
      throw new IllegalStateException("Floor measurement failed: " + e.getMessage(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  static List<Path> files(Path root) {
    try (var s = Files.walk(root)) {
      return s.filter(
              p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
