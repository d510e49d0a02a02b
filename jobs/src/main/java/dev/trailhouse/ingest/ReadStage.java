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

  /**
   * Work and results travel as Java-serialized bytes, so whatever serializer the cluster sets
   * (EMR's templates set Kryo) moves only byte arrays.
   */
  static List<TaskResult> run(SparkSession spark, ReadTask.Spec spec, List<Work> work) {
    List<TaskResult> out = new ArrayList<>();
    if (work.isEmpty()) {
      return out;
    }
    List<byte[]> payloads = new ArrayList<>();
    for (Work w : work) {
      payloads.add(serialize(w));
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (byte[] r : jsc.parallelize(payloads, payloads.size()).map(new Run(spec)).collect()) {
      out.add((TaskResult) deserialize(r));
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
      Work w = (Work) deserialize(payload);
      return serialize(new ReadTask(spec).run(w.bin(), w.skip()));
    }
  }

  static byte[] serialize(Object o) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(o);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Object deserialize(byte[] b) {
    // Classes resolve through the context class loader: on a cluster that is the one holding the job jar.
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(b)) {
      @Override
      protected Class<?> resolveClass(java.io.ObjectStreamClass desc) throws java.io.IOException, ClassNotFoundException {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
          return Class.forName(desc.getName(), false, loader == null ? ReadStage.class.getClassLoader() : loader);
        } catch (ClassNotFoundException e) {
          return super.resolveClass(desc);
        }
      }
    }) {
      return in.readObject();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
