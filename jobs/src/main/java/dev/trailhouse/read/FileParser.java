package dev.trailhouse.read;

import dev.trailhouse.flatten.EventFlattener;
import dev.trailhouse.flatten.FastFlattener;
import dev.trailhouse.flatten.PlausibleTime;
import dev.trailhouse.flatten.RejectedRecord;
import dev.trailhouse.ledger.FileOutcome;
import dev.trailhouse.ledger.LogFile;
import dev.trailhouse.ledger.Reject;
import dev.trailhouse.row.EventRow;
import dev.trailhouse.row.JsonBytes;
import dev.trailhouse.table.EventsTable;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the content of one log file into event rows and rejects, accounting for every record. Each
 * record goes through {@link FastFlattener} in the same pass that finds it; the few it declines go
 * to {@link EventFlattener}, which decides. Pure (no Spark, no I/O): a test hands it bytes. Not
 * thread-safe: one per task.
 */
public final class FileParser {
  private static final int SOURCE = EventsTable.index(EventsTable.EVENT_SOURCE);
  private static final int DATE = EventsTable.index(EventsTable.EVENT_DATE);
  private static final int TIME = EventsTable.index(EventsTable.EVENT_TIME);

  private final EventFlattener flattener = new EventFlattener();
  private final FastFlattener fast = new FastFlattener();
  private final EventRow row = new EventRow();
  private final List<byte[]> sources = new ArrayList<>();
  private long fastRecords;
  private long slowRecords;

  /**
   * @param sources event sources to keep; empty keeps all
   */
  public FileParser(List<String> sources) {
    for (String s : sources) {
      this.sources.add(s.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Records taken by the fast path and by the reference flattener so far (for the logs). */
  public long[] paths() {
    return new long[] {fastRecords, slowRecords};
  }

  /**
   * Parses {@code content} of {@code file}, giving each event row to {@code rows} and each reject
   * to {@code rejects} as it is found (nothing is collected). The row is reused for the next
   * record: a consumer copies what it keeps before returning.
   */
  public FileOutcome parse(
      LogFile file, FileContent content, Consumer<EventRow> rows, Consumer<Reject> rejects) {
    byte[] b = content.bytes();
    int len = content.length();
    String damage = content.damage();
    byte[] uri = file.uri().getBytes(StandardCharsets.UTF_8);
    Set<Long> days = new HashSet<>();
    long[] counts = new long[4]; // records, events, filtered, rejected
    long[] lastDay = {Long.MIN_VALUE};
    boolean[] tailReported = {false};
    RecordSplitter.split(
        b,
        len,
        new RecordSplitter.Visitor() {
          @Override
          public int take(int index, int start) {
            int end = fast.flatten(b, start, len, uri, row);
            if (end >= 0) {
              fastRecords++;
              counts[0]++;
              if (plausible(index, start, end)) {
                emit();
              }
            }
            return end;
          }

          @Override
          public void element(int index, int start, int end, int badUtf8At) {
            counts[0]++;
            slowRecords++;
            if (badUtf8At >= 0) {
              reject(
                  rejects,
                  counts,
                  file,
                  index,
                  start,
                  "invalid UTF-8 at byte " + badUtf8At + " of the file",
                  b,
                  start,
                  end);
              return;
            }
            try {
              row.set(flattener.flatten(b, start, end, file.uri()));
              if (plausible(index, start, end)) {
                emit();
              }
            } catch (RejectedRecord e) {
              reject(rejects, counts, file, index, start, e.getMessage(), b, start, end);
            }
          }

          /**
           * Rejects the row just flattened when its eventTime cannot be real (see PlausibleTime).
           */
          private boolean plausible(int index, int start, int end) {
            String why = PlausibleTime.problem(row.number(TIME), file.deliveryDate());
            if (why == null) {
              return true;
            }
            reject(rejects, counts, file, index, start, why, b, start, end);
            return false;
          }

          private void emit() {
            if (!sources.isEmpty() && !kept()) {
              counts[2]++;
              return;
            }
            counts[1]++;
            long day = row.number(DATE);
            if (day != lastDay[0]) {
              days.add(day);
              lastDay[0] = day;
            }
            rows.accept(row);
          }

          private boolean kept() {
            if (row.isNull(SOURCE)) {
              return false;
            }
            for (byte[] s : sources) {
              if (s.length == row.length(SOURCE)
                  && JsonBytes.equal(s, 0, row.base(SOURCE), row.offset(SOURCE), s.length)) {
                return true;
              }
            }
            return false;
          }

          @Override
          public void problem(int index, int offset, RecordSplitter.Problem problem) {
            counts[0]++;
            String reason = problem.text();
            if (damage != null) {
              reason = reason + "; " + damage;
              tailReported[0] = true;
            } else if (problem == RecordSplitter.Problem.NOT_AN_OBJECT && !content.gzip()) {
              reason = "the file is neither gzip nor a JSON object {\"Records\":[...]}";
            }
            reject(rejects, counts, file, index, offset, reason, b, offset, len);
          }
        });
    if (damage != null && !tailReported[0]) {
      counts[0]++;
      reject(
          rejects, counts, file, -1, len, damage, b, Math.max(0, len - Reject.SNIPPET_CHARS), len);
    }
    Set<LocalDate> dates = new HashSet<>();
    for (long d : days) {
      dates.add(LocalDate.ofEpochDay(d));
    }
    return new FileOutcome(file, counts[0], counts[1], counts[2], counts[3], dates, true);
  }

  private static void reject(
      Consumer<Reject> rejects,
      long[] counts,
      LogFile file,
      int index,
      long offset,
      String reason,
      byte[] b,
      int from,
      int to) {
    counts[3]++;
    rejects.accept(new Reject(file.uri(), index, offset, reason, snippet(b, from, to)));
  }

  /** At most {@link Reject#SNIPPET_CHARS} characters of the bytes, control characters replaced. */
  static String snippet(byte[] b, int from, int to) {
    int n = Math.max(0, Math.min(to, b.length) - from);
    String s = new String(b, from, Math.min(n, Reject.SNIPPET_CHARS * 4), StandardCharsets.UTF_8);
    if (s.length() > Reject.SNIPPET_CHARS) {
      s = s.substring(0, Reject.SNIPPET_CHARS);
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      out.append(c < 0x20 && c != '\t' ? '?' : c);
    }
    return out.toString();
  }
}
