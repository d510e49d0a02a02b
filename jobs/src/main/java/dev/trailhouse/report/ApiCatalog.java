package dev.trailhouse.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an API name says about a change: the action (from the verb), whether it changes
 * configuration or a live contact, the type of resource it acts on (the noun after the verb), and
 * where that resource's id is (request keys, or response keys for a Create). Pure: no Spark.
 */
public final class ApiCatalog {
  /** How a change API is classified. */
  public record Classification(
      String action, String changeKind, String resourceType, List<String> requestIdKeys) {}

  public static final String CONFIGURATION = "configuration";
  public static final String CONTACT = "contact";

  /** Verbs, longest first, and the action each one means. */
  private static final List<Map.Entry<String, String>> VERBS =
      sortedByLength(
          Map.ofEntries(
              Map.entry("Create", "create"),
              Map.entry("Update", "update"),
              Map.entry("Delete", "delete"),
              Map.entry("Associate", "associate"),
              Map.entry("Disassociate", "disassociate"),
              Map.entry("Tag", "tag"),
              Map.entry("Untag", "untag"),
              Map.entry("Start", "start"),
              Map.entry("Stop", "stop"),
              Map.entry("Put", "update"),
              Map.entry("BatchAssociate", "associate"),
              Map.entry("BatchDisassociate", "disassociate"),
              Map.entry("BatchPut", "update"),
              Map.entry("BatchDelete", "delete"),
              Map.entry("BatchCreate", "create"),
              Map.entry("BatchUpdate", "update"),
              Map.entry("Suspend", "other"),
              Map.entry("Resume", "other"),
              Map.entry("Claim", "other"),
              Map.entry("Release", "other"),
              Map.entry("Replicate", "other"),
              Map.entry("Import", "other"),
              Map.entry("Activate", "other"),
              Map.entry("Deactivate", "other"),
              Map.entry("Transfer", "other"),
              Map.entry("Monitor", "other"),
              Map.entry("Pause", "other"),
              Map.entry("Send", "other"),
              Map.entry("Submit", "other"),
              Map.entry("Dismiss", "other"),
              Map.entry("Complete", "other"),
              Map.entry("Register", "create"),
              Map.entry("Deregister", "delete"),
              Map.entry("Enable", "update"),
              Map.entry("Disable", "update"),
              Map.entry("Restore", "other"),
              Map.entry("Get", "other"),
              Map.entry("Describe", "other"),
              Map.entry("List", "other"),
              Map.entry("Search", "other")));

  /** Resource nouns (as they appear in API names), longest first, and their kebab-case type. */
  private static final List<Map.Entry<String, String>> NOUNS =
      sortedByLength(
          Map.ofEntries(
              Map.entry("Instance", "instance"),
              Map.entry("User", "user"),
              Map.entry("Queue", "queue"),
              Map.entry("RoutingProfile", "routing-profile"),
              Map.entry("ContactFlow", "contact-flow"),
              Map.entry("ContactFlowModule", "contact-flow-module"),
              Map.entry("HoursOfOperation", "hours-of-operation"),
              Map.entry("HoursOfOperationOverride", "hours-of-operation"),
              Map.entry("PhoneNumber", "phone-number"),
              Map.entry("QuickConnect", "quick-connect"),
              Map.entry("SecurityProfile", "security-profile"),
              Map.entry("Prompt", "prompt"),
              Map.entry("AgentStatus", "agent-status"),
              Map.entry("UserHierarchyGroup", "user-hierarchy-group"),
              Map.entry("UserHierarchyStructure", "user-hierarchy-structure"),
              Map.entry("Contact", "contact"),
              Map.entry("Rule", "rule"),
              Map.entry("TaskTemplate", "task-template"),
              Map.entry("EvaluationForm", "evaluation-form"),
              Map.entry("ContactEvaluation", "contact-evaluation"),
              Map.entry("View", "view"),
              Map.entry("ViewVersion", "view"),
              Map.entry("Vocabulary", "vocabulary"),
              Map.entry("TrafficDistributionGroup", "traffic-distribution-group"),
              Map.entry("TrafficDistribution", "traffic-distribution-group"),
              Map.entry("PredefinedAttribute", "predefined-attribute"),
              Map.entry("AuthenticationProfile", "authentication-profile"),
              Map.entry("ParticipantRoleConfig", "contact"),
              Map.entry("ApprovedOrigin", "instance"),
              Map.entry("Bot", "instance"),
              Map.entry("LexBot", "instance"),
              Map.entry("LambdaFunction", "instance"),
              Map.entry("SecurityKey", "instance"),
              Map.entry("DefaultVocabulary", "instance"),
              Map.entry("AnalyticsDataSet", "instance"),
              Map.entry("InstanceStorageConfig", "instance"),
              Map.entry("InstanceAttribute", "instance"),
              Map.entry("Flow", "contact-flow"),
              Map.entry("IntegrationAssociation", "integration-association"),
              Map.entry("UseCase", "use-case"),
              Map.entry("Participant", "contact"),
              Map.entry("Attachment", "contact"),
              Map.entry("Persistent", "contact"),
              Map.entry("OutboundVoiceContact", "contact"),
              Map.entry("ChatContact", "contact"),
              Map.entry("TaskContact", "contact"),
              Map.entry("WebRTCContact", "contact"),
              Map.entry("ContactStreaming", "contact"),
              Map.entry("ContactRecording", "contact"),
              Map.entry("ContactMediaProcessing", "contact"),
              Map.entry("OutboundChatContact", "contact"),
              Map.entry("EmailContact", "contact"),
              Map.entry("OutboundEmailContact", "contact"),
              Map.entry("ScreenSharing", "contact"),
              Map.entry("Resource", "resource"),
              // Voice ID
              Map.entry("Domain", "domain"),
              Map.entry("Speaker", "speaker"),
              Map.entry("Fraudster", "fraudster"),
              Map.entry("Watchlist", "watchlist"),
              Map.entry("FraudsterRegistrationJob", "fraudster-registration-job"),
              Map.entry("SpeakerEnrollmentJob", "speaker-enrollment-job"),
              // Customer Profiles, Amazon Q in Connect (Wisdom), Cases, App Integrations
              Map.entry("Profile", "profile"),
              Map.entry("ProfileObject", "profile-object"),
              Map.entry("ProfileObjectType", "profile-object-type"),
              Map.entry("KnowledgeBase", "knowledge-base"),
              Map.entry("Assistant", "assistant"),
              Map.entry("Content", "content"),
              Map.entry("Session", "session"),
              Map.entry("Case", "case"),
              Map.entry("Field", "field"),
              Map.entry("Layout", "layout"),
              Map.entry("Template", "template"),
              Map.entry("RelatedItem", "related-item"),
              Map.entry("DataIntegration", "data-integration"),
              Map.entry("EventIntegration", "event-integration"),
              Map.entry("Application", "application")));

  /** The request keys that hold a resource type's id (both key cases services use). */
  private static final Map<String, List<String>> ID_KEYS =
      Map.ofEntries(
          Map.entry("user", List.of("UserId")),
          Map.entry("queue", List.of("QueueId")),
          Map.entry("routing-profile", List.of("RoutingProfileId")),
          Map.entry("contact-flow", List.of("ContactFlowId")),
          Map.entry("contact-flow-module", List.of("ContactFlowModuleId")),
          Map.entry("hours-of-operation", List.of("HoursOfOperationId")),
          Map.entry("phone-number", List.of("PhoneNumberId", "PhoneNumberArn")),
          Map.entry("quick-connect", List.of("QuickConnectId")),
          Map.entry("security-profile", List.of("SecurityProfileId")),
          Map.entry("prompt", List.of("PromptId")),
          Map.entry("agent-status", List.of("AgentStatusId")),
          Map.entry("user-hierarchy-group", List.of("HierarchyGroupId")),
          Map.entry("contact", List.of("ContactId", "InitialContactId")),
          Map.entry("instance", List.of("InstanceId")),
          Map.entry("domain", List.of("DomainId", "DomainName")),
          Map.entry("speaker", List.of("SpeakerId")),
          Map.entry("fraudster", List.of("FraudsterId")),
          Map.entry("watchlist", List.of("WatchlistId")),
          Map.entry("rule", List.of("RuleId")),
          Map.entry("task-template", List.of("TaskTemplateId")),
          Map.entry("evaluation-form", List.of("EvaluationFormId")),
          Map.entry("view", List.of("ViewId")),
          Map.entry("vocabulary", List.of("VocabularyId")),
          Map.entry("traffic-distribution-group", List.of("TrafficDistributionGroupId", "Id")),
          Map.entry("resource", List.of("resourceArn", "ResourceArn")),
          Map.entry("profile", List.of("ProfileId")),
          Map.entry("knowledge-base", List.of("KnowledgeBaseId")),
          Map.entry("case", List.of("CaseId")),
          Map.entry("assistant", List.of("AssistantId")));

  private ApiCatalog() {}

  /** Classifies an API name. Unknown verbs give action "other"; unknown nouns a kebab-case type. */
  public static Classification classify(String eventName) {
    String verb = "";
    String action = "other";
    for (Map.Entry<String, String> v : VERBS) {
      if (startsWithWord(eventName, v.getKey())) {
        verb = v.getKey();
        action = v.getValue();
        break;
      }
    }
    String rest = eventName.substring(verb.length());
    String type = null;
    for (Map.Entry<String, String> n : NOUNS) {
      if (startsWithWord(rest, n.getKey())) {
        type = n.getValue();
        break;
      }
    }
    if (type == null) {
      type = rest.isEmpty() ? "unknown" : kebab(rest);
    }
    String kind = "contact".equals(type) ? CONTACT : CONFIGURATION;
    return new Classification(action, kind, type, idKeys(type));
  }

  /**
   * Request keys of a type, in both the PascalCase and camelCase services use; {@code <Type>Id}
   * when unknown.
   */
  static List<String> idKeys(String type) {
    List<String> base = ID_KEYS.get(type);
    if (base == null) {
      StringBuilder pascal = new StringBuilder();
      for (String part : type.split("-")) {
        pascal.append(
            part.isEmpty() ? "" : Character.toUpperCase(part.charAt(0)) + part.substring(1));
      }
      base = List.of(pascal + "Id");
    }
    List<String> out = new ArrayList<>();
    for (String k : base) {
      out.add(k);
      out.add(Character.toLowerCase(k.charAt(0)) + k.substring(1));
    }
    return out;
  }

  static String kebab(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static boolean startsWithWord(String s, String word) {
    return s.startsWith(word)
        && (s.length() == word.length() || Character.isUpperCase(s.charAt(word.length())));
  }

  private static List<Map.Entry<String, String>> sortedByLength(Map<String, String> m) {
    List<Map.Entry<String, String>> out = new ArrayList<>(m.entrySet());
    out.sort(
        Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getKey().length())
            .thenComparing(Map.Entry::getKey));
    return out;
  }
}
