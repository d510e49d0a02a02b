package dev.trailhouse.generate;

import java.util.Map;

/**
 * Which calls a generated day holds, by share.
 *
 * <p>STRESS is the original benchmark day: every API at its {@link Apis.Api#weight()}, about a
 * third of all events changes (26 of 95 weight configuration changes), so that the change reports
 * have work. REALISTIC follows the shape the AWS documentation gives a Connect trail (reads from
 * the admin website and agent application, GetFederationToken sign-ins, contact operations from
 * flows and integrations, service events), with 2.8% configuration changes. Its shares are per
 * mille, reasoned from that documentation, not measured on a real trail (docs/performance.md says
 * so).
 */
public enum Mix {
  STRESS(null),
  REALISTIC(
      Map.ofEntries(
          // Connect reads: the admin website and the agent application poll these (540).
          Map.entry("DescribeQueue", 120),
          Map.entry("ListQueues", 110),
          Map.entry("DescribeUser", 100),
          Map.entry("GetContactAttributes", 110),
          Map.entry("DescribeContact", 60),
          Map.entry("SearchUsers", 40),
          // Sign-ins to the admin website and the agent application (146).
          Map.entry("GetFederationToken", 146),
          // Contact operations, from flows, Lambda and CRM integrations (131; not configuration).
          Map.entry("StartOutboundVoiceContact", 40),
          Map.entry("StopContact", 30),
          Map.entry("UpdateContactAttributes", 60),
          Map.entry("CreateCase", 1),
          // Reads elsewhere in the Connect family (60).
          Map.entry("DescribeDomain", 10),
          Map.entry("DescribeFraudster", 5),
          Map.entry("SearchProfiles", 30),
          Map.entry("GetKnowledgeBase", 15),
          // Service events and automation in the same trail (95).
          Map.entry("AssumeRole", 50),
          Map.entry("ListRoles", 10),
          Map.entry("DescribeInstances", 15),
          Map.entry("PutObject", 20),
          // Configuration changes (28, i.e. 2.8%).
          Map.entry("CreateUser", 2),
          Map.entry("UpdateUserRoutingProfile", 4),
          Map.entry("UpdateUserSecurityProfiles", 2),
          Map.entry("DeleteUser", 1),
          Map.entry("CreateQueue", 1),
          Map.entry("UpdateQueueName", 1),
          Map.entry("UpdateQueueMaxContacts", 1),
          Map.entry("AssociateRoutingProfileQueues", 1),
          Map.entry("UpdateRoutingProfileConcurrency", 1),
          Map.entry("UpdateContactFlowContent", 2),
          Map.entry("UpdateHoursOfOperation", 1),
          Map.entry("AssociatePhoneNumberContactFlow", 1),
          Map.entry("CreateQuickConnect", 1),
          Map.entry("UpdateSecurityProfile", 1),
          Map.entry("UpdateAgentStatus", 1),
          Map.entry("CreatePrompt", 1),
          Map.entry("UpdateUserHierarchy", 1),
          Map.entry("UpdateInstanceAttribute", 1),
          Map.entry("TagResource", 1),
          Map.entry("CreateDomain", 1),
          Map.entry("CreateWatchlist", 1),
          Map.entry("DeleteSpeaker", 1)));

  private final Map<String, Integer> weights;
  private int total = -1;

  Mix(Map<String, Integer> weights) {
    this.weights = weights;
  }

  /** The weight of {@code api} in this mix; every API of {@link Apis#ALL} has one. */
  int weight(Apis.Api api) {
    if (weights == null) {
      return api.weight();
    }
    Integer w = weights.get(api.name());
    if (w == null) {
      throw new IllegalStateException("Mix " + name() + " has no share for " + api.name());
    }
    return w;
  }

  int total() {
    if (total < 0) {
      total = Apis.ALL.stream().mapToInt(this::weight).sum();
    }
    return total;
  }

  /** Parses {@code realistic} or {@code stress}, in any case; null where it is neither. */
  public static Mix parse(String s) {
    for (Mix m : values()) {
      if (m.name().equalsIgnoreCase(s)) {
        return m;
      }
    }
    return null;
  }
}
