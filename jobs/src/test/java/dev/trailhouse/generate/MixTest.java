package dev.trailhouse.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The realistic day's shares: per mille, 2.8% configuration changes; the stress day keeps its
 * weights.
 */
class MixTest {
  /** Contact operations change live contacts, not configuration (DOMAIN.md). */
  private static final Set<String> CONTACT_OPS =
      Set.of("StartOutboundVoiceContact", "StopContact", "UpdateContactAttributes", "CreateCase");

  private static boolean configurationChange(Apis.Api a) {
    boolean change =
        a.name()
            .matches("^(Create|Update|Delete|Associate|Disassociate|Put|Tag|Untag|Start|Stop).*");
    return change && !CONTACT_OPS.contains(a.name()) && !a.source().equals("s3.amazonaws.com");
  }

  private static int share(Mix mix, java.util.function.Predicate<Apis.Api> which) {
    return Apis.ALL.stream().filter(which).mapToInt(mix::weight).sum();
  }

  @Test
  void realisticDayIsMostlyReadsAndSignInsWithFewChanges() {
    assertEquals(1000, Mix.REALISTIC.total());
    assertEquals(28, share(Mix.REALISTIC, MixTest::configurationChange));
    assertEquals(
        625,
        share(
            Mix.REALISTIC,
            a -> a.name().matches("^(Get|Describe|List|Search)(?!FederationToken).*")));
    assertEquals(146, share(Mix.REALISTIC, a -> a.name().equals("GetFederationToken")));
    assertEquals(131, share(Mix.REALISTIC, a -> CONTACT_OPS.contains(a.name())));
  }

  @Test
  void stressDayKeepsTheOriginalWeights() {
    assertEquals(Apis.ALL.stream().mapToInt(Apis.Api::weight).sum(), Mix.STRESS.total());
    assertEquals(26, share(Mix.STRESS, MixTest::configurationChange));
  }

  @Test
  void parsesEitherNameInAnyCase() {
    assertEquals(Mix.REALISTIC, Mix.parse("Realistic"));
    assertEquals(Mix.STRESS, Mix.parse("stress"));
    assertNull(Mix.parse("typical"));
  }
}
