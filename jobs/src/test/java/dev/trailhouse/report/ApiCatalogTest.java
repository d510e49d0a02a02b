package dev.trailhouse.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ApiCatalogTest {
  static void check(String api, String action, String kind, String type) {
    ApiCatalog.Classification c = ApiCatalog.classify(api);
    assertEquals(
        List.of(action, kind, type), List.of(c.action(), c.changeKind(), c.resourceType()), api);
  }

  @Test
  void theNounAfterTheVerb() {
    check("UpdateUserRoutingProfile", "update", "configuration", "user");
    check("AssociatePhoneNumberContactFlow", "associate", "configuration", "phone-number");
    check("UpdateContactAttributes", "update", "contact", "contact");
    check("CreateDomain", "create", "configuration", "domain");
    check("UpdateContactFlowContent", "update", "configuration", "contact-flow");
    check("UpdateContactFlowModuleMetadata", "update", "configuration", "contact-flow-module");
    check("UpdateUserHierarchy", "update", "configuration", "user");
    check("UpdateUserHierarchyGroupName", "update", "configuration", "user-hierarchy-group");
    check("UpdateUserHierarchyStructure", "update", "configuration", "user-hierarchy-structure");
    check("AssociateRoutingProfileQueues", "associate", "configuration", "routing-profile");
    check("DisassociateQueueQuickConnects", "disassociate", "configuration", "queue");
    check("UpdateHoursOfOperation", "update", "configuration", "hours-of-operation");
    check("CreateQuickConnect", "create", "configuration", "quick-connect");
    check("UpdateSecurityProfile", "update", "configuration", "security-profile");
    check("CreatePrompt", "create", "configuration", "prompt");
    check("UpdateAgentStatus", "update", "configuration", "agent-status");
    check("UpdateInstanceAttribute", "update", "configuration", "instance");
    check("AssociateApprovedOrigin", "associate", "configuration", "instance");
    check("TagResource", "tag", "configuration", "resource");
    check("UntagResource", "untag", "configuration", "resource");
    check("StartOutboundVoiceContact", "start", "contact", "contact");
    check("StartChatContact", "start", "contact", "contact");
    check("StopContact", "stop", "contact", "contact");
    check("StopContactRecording", "stop", "contact", "contact");
    check("SuspendContactRecording", "other", "contact", "contact");
    check("ResumeContactRecording", "other", "contact", "contact");
    check("TransferContact", "other", "contact", "contact");
    check("MonitorContact", "other", "contact", "contact");
    check("UpdateParticipantRoleConfig", "update", "contact", "contact");
    check("ClaimPhoneNumber", "other", "configuration", "phone-number");
    check("ReleasePhoneNumber", "other", "configuration", "phone-number");
    check("PutUserStatus", "update", "configuration", "user");
    check("CreateWatchlist", "create", "configuration", "watchlist");
    check("DeleteSpeaker", "delete", "configuration", "speaker");
    check("DeleteFraudster", "delete", "configuration", "fraudster");
    check("StartFraudsterRegistrationJob", "start", "configuration", "fraudster-registration-job");
    check("CreateKnowledgeBase", "create", "configuration", "knowledge-base");
    check("UpdateTrafficDistribution", "update", "configuration", "traffic-distribution-group");
  }

  @Test
  void resourceIdKeysInBothCases() {
    assertEquals(
        List.of("UserId", "userId"),
        ApiCatalog.classify("UpdateUserRoutingProfile").requestIdKeys());
    assertEquals(
        List.of("ContactId", "contactId", "InitialContactId", "initialContactId"),
        ApiCatalog.classify("UpdateContactAttributes").requestIdKeys());
    assertEquals(
        List.of("DomainId", "domainId", "DomainName", "domainName"),
        ApiCatalog.classify("CreateDomain").requestIdKeys());
    assertEquals(
        List.of("KnowledgeBaseId", "knowledgeBaseId"),
        ApiCatalog.classify("GetKnowledgeBase").requestIdKeys());
  }

  /**
   * Every Create/Update/Delete/Associate/Disassociate/... API of connect-operations.txt (a copy of
   * the shared list, in test resources): the action from the verb, a type from the vocabulary.
   */
  @Test
  void everyConnectChangeApi() throws IOException {
    Map<String, String> verbAction =
        Map.of(
            "Create",
            "create",
            "Update",
            "update",
            "Delete",
            "delete",
            "Associate",
            "associate",
            "Disassociate",
            "disassociate",
            "Tag",
            "tag",
            "Untag",
            "untag",
            "Start",
            "start",
            "Stop",
            "stop");
    Pattern line = Pattern.compile("^(\\w+) \\d+ \\[(.*)]$");
    int checked = 0;
    List<String> unknown = new ArrayList<>();
    for (String l :
        Files.readAllLines(
            java.nio.file.Path.of(
                ApiCatalogTest.class.getResource("/connect-operations.txt").getPath()))) {
      Matcher m = line.matcher(l.strip());
      if (!m.matches() || !verbAction.containsKey(m.group(1))) {
        continue;
      }
      for (String quoted : m.group(2).split(",\\s*")) {
        String api = quoted.replace("'", "").strip();
        ApiCatalog.Classification c = ApiCatalog.classify(api);
        assertEquals(verbAction.get(m.group(1)), c.action(), api);
        assertTrue(
            c.resourceType().matches("[a-z]+(-[a-z0-9]+)*"), api + " -> " + c.resourceType());
        if (!c.resourceType()
            .matches(
                "instance|user|queue|routing-profile|contact-flow|contact-flow-module|hours-of-operation"
                    + "|phone-number|quick-connect|security-profile|prompt|agent-status|user-hierarchy-group|user-hierarchy-structure"
                    + "|contact|contact-evaluation|rule|task-template|evaluation-form|view|vocabulary|traffic-distribution-group"
                    + "|predefined-attribute|authentication-profile|integration-association|use-case|resource")) {
          unknown.add(api + " -> " + c.resourceType());
        }
        checked++;
      }
    }
    assertEquals(78, checked, "change APIs in connect-operations.txt");
    assertEquals(List.of(), unknown, "APIs whose resource type is not in the vocabulary");
  }
}
