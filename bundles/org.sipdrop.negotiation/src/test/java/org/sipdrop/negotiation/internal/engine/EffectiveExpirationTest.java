package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class EffectiveExpirationTest {

    private static final Instant ASKED = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void aShorterLifetimeGrantedByTheStorageIsTheOffersExpiration() {
        Instant granted = Instant.parse("2026-11-26T10:01:00Z");
        assertEquals(granted, OutgoingPageOffer.effectiveExpiration(ASKED, Optional.of(granted)));
    }

    @Test
    void aLongerGrantDoesNotExtendTheOffer() {
        assertEquals(ASKED, OutgoingPageOffer.effectiveExpiration(ASKED, Optional.of(ASKED.plusSeconds(3600))));
    }

    @Test
    void aStorageStatingNoLifetimeKeepsTheAskedOne() {
        assertEquals(ASKED, OutgoingPageOffer.effectiveExpiration(ASKED, Optional.empty()));
    }
}
