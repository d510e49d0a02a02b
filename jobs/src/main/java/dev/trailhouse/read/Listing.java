package dev.trailhouse.read;

import dev.trailhouse.ledger.LogFile;
import java.util.List;

/**
 * What a listing found: the event files of the days asked, and what it skipped.
 *
 * @param files event log files, sorted by URI
 * @param foldersListed day folders listed (each one LIST request, or a few)
 * @param otherObjects objects in those folders that are not event files (skipped, not errors)
 * @param skippedPrefixes non-event prefixes seen and not descended into (CloudTrail-Digest, ...)
 */
public record Listing(
    List<LogFile> files, List<String> foldersListed, int otherObjects, List<String> skippedPrefixes) {

  public long bytes() {
    long total = 0;
    for (LogFile f : files) {
      total += f.size();
    }
    return total;
  }
}
