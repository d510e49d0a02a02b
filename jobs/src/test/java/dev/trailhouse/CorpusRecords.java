package dev.trailhouse;

import dev.trailhouse.read.FileContent;
import dev.trailhouse.read.RecordSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Every record of the committed trails (sample and hostile corpus), as the splitter cuts them. */
public final class CorpusRecords {
  /**
   * One record: its bytes are {@code buf[start, end)}; the buffer is the whole decompressed file.
   */
  public record Record(String file, int index, byte[] buf, int start, int end) {}

  private CorpusRecords() {}

  public static List<Record> all() {
    List<Record> out = new ArrayList<>(of(Repo.sampleTrail()));
    out.addAll(of(Repo.root().resolve("test-data").resolve("hostile")));
    return out;
  }

  /** The reference flattener's rows of every record it accepts. */
  public static List<Object[]> referenceRows() {
    dev.trailhouse.flatten.EventFlattener f = new dev.trailhouse.flatten.EventFlattener();
    List<Object[]> rows = new ArrayList<>();
    for (Record r : all()) {
      try {
        rows.add(f.flatten(r.buf(), r.start(), r.end(), r.file()));
      } catch (dev.trailhouse.flatten.RejectedRecord e) {
        // not a row
      }
    }
    return rows;
  }

  public static List<Record> of(Path root) {
    List<Record> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f :
          s.filter(p -> p.toString().endsWith(".json.gz") && p.toString().contains("/CloudTrail/"))
              .sorted()
              .toList()) {
        FileContent c = new FileContent();
        try (InputStream in = Files.newInputStream(f)) {
          c.read(in);
        }
        byte[] buf = Arrays.copyOf(c.bytes(), c.length());
        RecordSplitter.split(
            buf,
            buf.length,
            new RecordSplitter.Visitor() {
              @Override
              public void element(int index, int start, int end, int badUtf8At) {
                if (badUtf8At < 0) {
                  out.add(new Record(f.toString(), index, buf, start, end));
                }
              }

              @Override
              public void problem(int index, int offset, RecordSplitter.Problem problem) {}
            });
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
