package dev.trailhouse.ledger;

import java.io.Serializable;
import java.time.LocalDate;

/** One listed CloudTrail log file: enough to read it and to record it in the manifest. */
public record LogFile(
    String uri,
    long size,
    long modificationTime,
    String accountId,
    String region,
    LocalDate deliveryDate)
    implements Serializable {

  /** The manifest identity of the file: the same key, size and time is the same delivery. */
  public String identity() {
    return uri + "|" + size + "|" + modificationTime;
  }
}
