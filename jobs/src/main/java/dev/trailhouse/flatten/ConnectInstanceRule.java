package dev.trailhouse.flatten;

/**
 * connect_instance_id, one rule for both parsers: the request's {@code InstanceId}, else its {@code
 * instanceId}, when not blank (the id inside it when it holds an instance ARN, else the value as it
 * is); else the instance of the first Connect instance ARN among the resources' ARNs, then the
 * request's values, then the response's values; else null. Each parser reads its own values through
 * {@link Values}, so the byte path builds a string only for an ARN it must parse.
 */
final class ConnectInstanceRule {
  /** The parts of a record the rule reads. */
  static final int REQUEST = 0;

  static final int RESOURCES = 1; // the resources' ARNs
  static final int RESPONSE = 2;

  /** Request keys that name the instance, in order of preference. */
  static final String[] INSTANCE_KEYS = {"InstanceId", "instanceId"};

  /**
   * Texts the rule looks for in a value: {@link ConnectArns#ARN} and {@link ConnectArns#CONNECT}.
   */
  static final int ARN = 0;

  static final int CONNECT = 1;
  static final String[] MARKERS = {ConnectArns.ARN, ConnectArns.CONNECT};

  /**
   * A record's values, as one parser holds them: value {@code i} of a part; a value may be null.
   */
  interface Values {
    int size(int part);

    /** Whether key {@code i} of the request is {@code INSTANCE_KEYS[key]}. */
    boolean keyIs(int i, int key);

    /** Whether the value is null or only whitespace ({@link String#isBlank}). */
    boolean blank(int part, int i);

    /** Whether the value is not null and contains {@code MARKERS[marker]}. */
    boolean contains(int part, int i, int marker);

    String text(int part, int i);

    /** The instance id is this value, as it is. */
    void take(int part, int i);

    /** The instance id is {@code id}. */
    void take(String id);
  }

  private static final int[] ARN_PARTS = {RESOURCES, REQUEST, RESPONSE};

  private ConnectInstanceRule() {}

  /**
   * Applies the rule; {@code v} is told the id through one of its {@code take} methods, or not at
   * all.
   */
  static void apply(Values v) {
    int request = v.size(REQUEST);
    for (int key = 0; key < INSTANCE_KEYS.length; key++) {
      for (int i = 0; i < request; i++) {
        if (v.keyIs(i, key)) {
          if (!v.blank(REQUEST, i)) {
            if (v.contains(REQUEST, i, ARN)) {
              v.take(ConnectArns.instanceId(v.text(REQUEST, i)));
            } else {
              v.take(REQUEST, i);
            }
            return;
          }
          break;
        }
      }
    }
    for (int part : ARN_PARTS) {
      for (int i = 0, n = v.size(part); i < n; i++) {
        if (v.contains(part, i, CONNECT)) {
          String id = ConnectArns.fromArn(v.text(part, i));
          if (id != null) {
            v.take(id);
            return;
          }
        }
      }
    }
  }
}
