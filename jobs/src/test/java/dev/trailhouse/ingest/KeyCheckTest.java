package dev.trailhouse.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.trailhouse.TestSpark;
import dev.trailhouse.spark.HadoopConf;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key check on the driver gives exactly the answer of the Spark key check. */
class KeyCheckTest {
  @TempDir Path dir;

  /**
   * Writes key files as read tasks do; some keys recur in other tasks, on the same or another day.
   */
  private List<String> keyFiles(int tasks, int rowsPerTask, long seed) throws Exception {
    Random r = new Random(seed);
    long[][] pool = new long[rowsPerTask * tasks / 2][];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = new long[] {r.nextLong(), r.nextLong(), 20_000 + r.nextInt(3)};
    }
    List<String> files = new ArrayList<>();
    for (int t = 0; t < tasks; t++) {
      Path f = dir.resolve(String.format("bin-%05d-%s.keys", t * 3, "x"));
      try (DataOutputStream out =
          new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(f)))) {
        for (int n = 0; n < rowsPerTask; n++) {
          long[] k =
              r.nextInt(3) == 0
                  ? pool[r.nextInt(pool.length)]
                  : new long[] {r.nextLong(), r.nextLong(), 20_000};
          long day =
              r.nextInt(10) == 0 ? k[2] + 1 : k[2]; // the same id on another day is another event
          out.writeLong(k[0]);
          out.writeLong(k[1]);
          out.writeLong(day << 32 | n);
        }
      }
      files.add("file:" + f);
    }
    return files;
  }

  @Test
  void theDriverFindsTheLosersSparkFinds() throws Exception {
    HadoopConf conf = new HadoopConf(new Configuration());
    List<String> files = keyFiles(5, 20_000, 7);
    Map<Integer, long[]> spark =
        new TreeMap<>(KeyCheck.losers(TestSpark.session(), files, null, conf));
    Map<Integer, long[]> driver = new TreeMap<>(KeyCheck.losersOnDriver(files, 5 * 20_000, conf));
    assertTrue(
        spark.values().stream().mapToInt(a -> a.length).sum() > 1_000,
        "the input has duplicates across tasks");
    assertEquals(spark.keySet(), driver.keySet());
    for (Integer task : spark.keySet()) {
      assertArrayEquals(spark.get(task), driver.get(task), "losers of task " + task);
    }
  }
}
