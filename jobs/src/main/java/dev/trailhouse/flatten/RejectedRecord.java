package dev.trailhouse.flatten;

/** A record that cannot become an event row, with a reason a person understands. */
public final class RejectedRecord extends Exception {
  public RejectedRecord(String reason) {
    super(reason, null, false, false);
  }
}
