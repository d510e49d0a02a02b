package dev.trailhouse.read;

import dev.trailhouse.ledger.LogFile;
import java.util.List;

/**
 * What a listing found: the event files of the days asked, and what it skipped.
 *
 * @param files event log files, sorted by URI
 * @param foldersListed day folders listed (each one LIST request, or a few)
 * @param otherObjects objects in those folders that are not event files (skipped, not errors)
 * @param skipped every object and folder seen and not read, by kind ({@link TrailLister.Skip})
 * @param nonstandard what was read although not in CloudTrail's standard form (organization ids,
 *     file names)
 */
public record Listing(
    List<LogFile> files,
    List<String> foldersListed,
    int otherObjects,
    Tally skipped,
    Tally nonstandard) {

  public long bytes() {
    long total = 0;
    for (LogFile f : files) {
      total += f.size();
    }
    return total;
  }
}
