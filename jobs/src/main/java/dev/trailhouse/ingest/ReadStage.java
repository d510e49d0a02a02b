package dev.trailhouse.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.SparkSession;

/**
 * Runs read tasks on the cluster, one Spark task per bin, and brings back their results (small:
 * counts, outcomes, file names). Only a successful attempt's result is returned, so the files a
 * run commits are exactly those of the attempts Spark kept.
 */
final class ReadStage {
  private ReadStage() {}

  /** A bin and the sorted positions of its rows to leave out. */
  record Work(Bins.Bin bin, long[] skip) implements Serializable {}

  static List<TaskResult> run(SparkSession spark, ReadTask.Spec spec, List<Work> work) {
    if (work.isEmpty()) {
      return new ArrayList<>();
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return new ArrayList<>(jsc.parallelize(work, work.size()).map(new Run(spec)).collect());
  }

  static final class Run implements Function<Work, TaskResult> {
    private final ReadTask.Spec spec;

    Run(ReadTask.Spec spec) {
      this.spec = spec;
    }

    @Override
    public TaskResult call(Work w) {
      return new ReadTask(spec).run(w.bin(), w.skip());
    }
  }
}
