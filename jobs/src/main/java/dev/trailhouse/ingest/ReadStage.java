package dev.trailhouse.ingest;

import dev.trailhouse.spark.JavaBytes;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs read tasks on the cluster, one Spark task per bin, and brings back their results (small:
 * counts, outcomes, file names). Only a successful attempt's result is returned, so the files a run
 * commits are exactly those of the attempts Spark kept.
 */
final class ReadStage {
  private ReadStage() {}

  /** A bin and the sorted positions of its rows to leave out. */
  record Work(Bins.Bin bin, long[] skip) implements Serializable {}

  /**
   * Work and results travel as {@link JavaBytes}, so whatever serializer the cluster sets moves
   * only byte arrays.
   */
  static List<TaskResult> run(SparkSession spark, ReadTask.Spec spec, List<Work> work) {
    List<TaskResult> out = new ArrayList<>();
    if (work.isEmpty()) {
      return out;
    }
    List<byte[]> payloads = new ArrayList<>();
    for (Work w : work) {
      payloads.add(JavaBytes.of(w));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (byte[] r : jsc.parallelize(payloads, payloads.size()).map(new Run(spec)).collect()) {
      out.add(JavaBytes.read(r));
    }
    return out;
  }

  static final class Run implements Function<byte[], byte[]> {
    private final ReadTask.Spec spec;

    Run(ReadTask.Spec spec) {
      this.spec = spec;
    }

    @Override
    public byte[] call(byte[] payload) {
      Work w = JavaBytes.read(payload);
      return JavaBytes.of(new ReadTask(spec).run(w.bin(), w.skip()));
    }
  }
}
