package dev.trailhouse.flatten;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Amazon Connect instance ids out of request values and ARNs. */
public final class ConnectArns {
  /** In every ARN of the AWS partitions. */
  static final String ARN = "arn:aws";

  /** In every Connect ARN. */
  static final String CONNECT = ":connect:";

  private static final Pattern INSTANCE_ARN =
      Pattern.compile("arn:aws[a-zA-Z-]*:connect:[a-z0-9-]*:\\d{12}:instance/([A-Za-z0-9-]+)");

  private ConnectArns() {}

  /**
   * An {@code InstanceId} request value as an instance id: the id inside an instance ARN, else the
   * value.
   */
  public static String instanceId(String value) {
    if (!value.contains(ARN)) {
      return value;
    }
    Matcher m = INSTANCE_ARN.matcher(value);
    return m.find() ? m.group(1) : value;
  }

  /** The instance id of a Connect ARN in {@code s}, or null. */
  public static String fromArn(String s) {
    if (s == null || !s.contains(CONNECT)) {
      return null;
    }
    Matcher m = INSTANCE_ARN.matcher(s);
    return m.find() ? m.group(1) : null;
  }
}
