package dev.trailhouse.ledger;

import java.io.Serializable;

/**
 * A record or file that could not become an event row.
 *
 * @param recordIndex position in {@code Records} (0-based), or -1 when the file as a whole is
 *     unreadable
 * @param byteOffset offset in the decompressed file where the problem starts, or {@link #UNREAD}
 */
public record Reject(String file, int recordIndex, long byteOffset, String reason, String snippet)
    implements Serializable {

  /** Longest snippet kept of a rejected record, in characters. */
  public static final int SNIPPET_CHARS = 300;

  /** The byte offset of a file that could not be read at all (no byte of it was read). */
  public static final long UNREAD = -1;
}
