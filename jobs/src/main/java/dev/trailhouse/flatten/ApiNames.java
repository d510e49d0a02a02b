package dev.trailhouse.flatten;

import java.util.List;

/** What an API operation name says about the call (see DOMAIN.md: names tell the kind). */
public final class ApiNames {
  private static final List<String> READ_PREFIXES =
      List.of("Get", "Describe", "List", "Search", "BatchGet", "Lookup");

  private static final List<String> CHANGE_PREFIXES =
      List.of(
          "Create",
          "Update",
          "Delete",
          "Associate",
          "Disassociate",
          "Put",
          "Tag",
          "Untag",
          "Start",
          "Stop",
          "Suspend",
          "Resume",
          "Claim",
          "Release",
          "Replicate",
          "Import",
          "Activate",
          "Deactivate",
          "BatchAssociate",
          "BatchDisassociate",
          "BatchPut",
          "BatchDelete",
          "BatchCreate",
          "BatchUpdate",
          "Transfer",
          "Monitor",
          "Pause",
          "Send",
          "Submit",
          "Dismiss",
          "Complete",
          "Opt");

  private ApiNames() {}

  /**
   * Whether the API reads: true for Get/Describe/List/Search, false for change verbs, null when the
   * name does not tell.
   */
  public static Boolean readOnly(String eventName) {
    if (eventName == null) {
      return null;
    }
    if (startsWithVerb(eventName, READ_PREFIXES)) {
      return Boolean.TRUE;
    }
    if (startsWithVerb(eventName, CHANGE_PREFIXES)) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** Whether the name starts with one of the verbs followed by an upper-case letter or its end. */
  static boolean startsWithVerb(String name, List<String> verbs) {
    for (String v : verbs) {
      if (name.startsWith(v)
          && (name.length() == v.length() || Character.isUpperCase(name.charAt(v.length())))) {
        return true;
      }
    }
    return false;
  }
}
