package dev.trailhouse.read;

import dev.trailhouse.write.EventsTable;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Reads log files into event rows: one task reads whole files (gzip is not splittable), files are
 * spread over tasks by size, and each file is parsed once in a streaming pass. What each file gave
 * (counts, rejects, event days) is reported through an accumulator, keyed by file so that a
 * retried task cannot count twice.
 */
public final class ParseStage {
  private ParseStage() {}

  /** The lazily parsed events of {@code files}; {@code outcomes} fills as the rows are computed. */
  public static Dataset<Row> events(
      SparkSession spark,
      List<LogFile> files,
      List<String> sources,
      int tasks,
      CollectionAccumulator<FileOutcome> outcomes) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    List<List<LogFile>> bins = bins(files, tasks);
    HadoopConf conf = new HadoopConf(spark.sessionState().newHadoopConf());
    JavaRDD<InternalRow> rows =
        jsc.parallelize(bins, Math.max(1, bins.size()))
            .mapPartitions(new ReadFiles(conf, sources, outcomes));
    return spark.internalCreateDataFrame(rows.rdd(), EventsTable.SCHEMA, false);
  }

  /** Spreads files over {@code n} bins, largest first into the emptiest bin. */
  static List<List<LogFile>> bins(List<LogFile> files, int n) {
    int count = Math.max(1, Math.min(n, files.size()));
    List<List<LogFile>> bins = new ArrayList<>(count);
    long[] sizes = new long[count];
    for (int i = 0; i < count; i++) {
      bins.add(new ArrayList<>());
    }
    List<LogFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(LogFile::size).reversed().thenComparing(LogFile::uri));
    for (LogFile f : sorted) {
      int min = 0;
      for (int i = 1; i < count; i++) {
        if (sizes[i] < sizes[min]) {
          min = i;
        }
      }
      bins.get(min).add(f);
      sizes[min] += Math.max(1, f.size());
    }
    return bins;
  }

  /** Reads the files of one bin, one file's rows at a time. */
  static final class ReadFiles implements FlatMapFunction<Iterator<List<LogFile>>, InternalRow> {
    private final HadoopConf conf;
    private final List<String> sources;
    private final CollectionAccumulator<FileOutcome> outcomes;

    ReadFiles(HadoopConf conf, List<String> sources, CollectionAccumulator<FileOutcome> outcomes) {
      this.conf = conf;
      this.sources = List.copyOf(sources);
      this.outcomes = outcomes;
    }

    @Override
    public Iterator<InternalRow> call(Iterator<List<LogFile>> bins) {
      List<LogFile> files = new ArrayList<>();
      bins.forEachRemaining(files::addAll);
      FileParser parser = new FileParser(sources);
      FileContent content = new FileContent();
      Iterator<LogFile> next = files.iterator();
      ArrayDeque<InternalRow> buffer = new ArrayDeque<>();
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          while (buffer.isEmpty() && next.hasNext()) {
            read(next.next());
          }
          return !buffer.isEmpty();
        }

        @Override
        public InternalRow next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return buffer.poll();
        }

        private void read(LogFile file) {
          Path path = new Path(file.uri());
          try {
            FileSystem fs = path.getFileSystem(conf.get());
            try (InputStream in = fs.open(path)) {
              content.read(in);
            }
          } catch (IOException e) {
            // s3a has already retried transient failures. The file is rejected, left out of the
            // manifest so that the next run reads it again, and the run ends with a failure.
            outcomes.add(FileOutcome.unreadable(file, e.getClass().getSimpleName() + ": " + e.getMessage()));
            return;
          }
          FileOutcome outcome = parser.parse(file, content, row -> buffer.add(CatalystRows.of(row)));
          outcomes.add(outcome);
        }
      };
    }
  }

  /** The outcomes of the files, one per file even if a task ran twice. */
  public static List<FileOutcome> distinct(List<FileOutcome> all) {
    java.util.Map<String, FileOutcome> byFile = new java.util.TreeMap<>();
    for (FileOutcome o : all) {
      byFile.put(o.file().identity(), o);
    }
    return Collections.unmodifiableList(new ArrayList<>(byFile.values()));
  }
}
