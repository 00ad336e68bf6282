package org.sipdrop.transfer.internal.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.internal.policy.ConfiguredAcceptancePolicy.Mode;

class ConfiguredAcceptancePolicyTest {

    private static final String ALICE = "sip:alice@example.com";
    private static final FileOffer PNG = FileOffer.builder("cat.png", 2048).mediaType("image/png").build();
    private static final FileOffer JAR = FileOffer.builder("tool.jar", 2048).mediaType("application/java-archive").build();

    @Test
    void allAcceptsEverythingWithinTheLimits() {
        assertEquals(Decision.Kind.ACCEPT, ConfiguredAcceptancePolicy.builder(Mode.ALL).build().decide(ALICE, PNG).kind());
    }

    @Test
    void askAsksTheUser() {
        assertEquals(Decision.Kind.ASK, ConfiguredAcceptancePolicy.builder(Mode.ASK).build().decide(ALICE, PNG).kind());
    }

    @Test
    void noneDeclinesWith603() {
        Decision d = ConfiguredAcceptancePolicy.builder(Mode.NONE).build().decide(ALICE, PNG);
        assertEquals(Decision.Kind.REJECT, d.kind());
        assertEquals(Decision.DECLINE, d.reason().orElseThrow().status());
    }

    @Test
    void fromAcceptsListedSendersAndDeclinesOthers() {
        ConfiguredAcceptancePolicy p = PolicySyntax.parseMode("from:alice@example.com,bob", "home.example").build();
        assertEquals(Decision.Kind.ACCEPT, p.decide(ALICE, PNG).kind());
        assertEquals(Decision.Kind.ACCEPT, p.decide("sip:bob@home.example", PNG).kind());
        assertEquals(Decision.Kind.REJECT, p.decide("sip:bob@anywhere.org", PNG).kind(), "a bare name is the own domain's user");
        Decision mallory = p.decide("sip:mallory@example.com", PNG);
        assertEquals(Decision.Kind.REJECT, mallory.kind());
        assertEquals(Decision.DECLINE, mallory.reason().orElseThrow().status());
        assertEquals(Decision.Kind.REJECT, p.decide("sip:alice@evil.example.com", PNG).kind(), "host must match");
        assertEquals(Decision.Kind.REJECT, p.decide(null, PNG).kind());
    }

    @Test
    void fromCanAskAboutOthersInstead() {
        ConfiguredAcceptancePolicy p = PolicySyntax.parseMode("from:alice@example.com").askOthers(true).build();
        assertEquals(Decision.Kind.ACCEPT, p.decide(ALICE, PNG).kind());
        assertEquals(Decision.Kind.ASK, p.decide("sip:carol@example.com", PNG).kind());
    }

    @Test
    void fromNeedsAtLeastOneSender() {
        assertThrows(IllegalArgumentException.class, () -> ConfiguredAcceptancePolicy.builder(Mode.FROM).build());
    }

    @Test
    void oversizedFileIsRejectedWith488NamingBothSizes() {
        ConfiguredAcceptancePolicy p = ConfiguredAcceptancePolicy.builder(Mode.ALL).maxSize(1024 * 1024).build();
        FileOffer big = FileOffer.builder("big.iso", 5L * 1024 * 1024).build();
        TransferFailure f = p.decide(ALICE, big).reason().orElseThrow();
        assertEquals(Decision.NOT_ACCEPTABLE_HERE, f.status());
        assertEquals("File too large: 5242880 bytes (5.0 MiB), limit 1048576 bytes (1.0 MiB)", f.reason());
        FileOffer exact = FileOffer.builder("fits.iso", 1024 * 1024).build();
        assertEquals(Decision.Kind.ACCEPT, p.decide(ALICE, exact).kind(), "the limit itself is allowed");
    }

    @Test
    void limitsComeBeforeTheMode() {
        FileOffer big = FileOffer.builder("big.iso", 10_000).build();
        ConfiguredAcceptancePolicy trusted = PolicySyntax.parseMode("from:alice@example.com").maxSize(100).build();
        assertEquals(Decision.NOT_ACCEPTABLE_HERE, trusted.decide(ALICE, big).reason().orElseThrow().status(),
                "a trusted sender is still held to the limit");
        ConfiguredAcceptancePolicy none = ConfiguredAcceptancePolicy.builder(Mode.NONE).maxSize(100).build();
        assertEquals(Decision.NOT_ACCEPTABLE_HERE, none.decide(ALICE, big).reason().orElseThrow().status(),
                "the limit answers before NONE declines");
        ConfiguredAcceptancePolicy ask = ConfiguredAcceptancePolicy.builder(Mode.ASK).deny(MediaRange.parse("image/*")).build();
        assertEquals(Decision.Kind.REJECT, ask.decide(ALICE, PNG).kind(), "the user is not asked about a denied type");
    }

    @Test
    void deniedTypePatternRejectsWith488() {
        ConfiguredAcceptancePolicy p = ConfiguredAcceptancePolicy.builder(Mode.ALL)
                .deny(PolicySyntax.parseTypes("application/java-archive,application/x-msdownload")).build();
        TransferFailure f = p.decide(ALICE, JAR).reason().orElseThrow();
        assertEquals(Decision.NOT_ACCEPTABLE_HERE, f.status());
        assertEquals("File type not accepted: application/java-archive", f.reason());
        assertEquals(Decision.Kind.ACCEPT, p.decide(ALICE, PNG).kind());
    }

    @Test
    void allowedTypeWildcardAcceptsOnlyMatchingTypes() {
        ConfiguredAcceptancePolicy p = ConfiguredAcceptancePolicy.builder(Mode.ALL)
                .allow(PolicySyntax.parseTypes("image/*,text/plain")).build();
        assertEquals(Decision.Kind.ACCEPT, p.decide(ALICE, PNG).kind());
        assertEquals(Decision.Kind.ACCEPT,
                p.decide(ALICE, FileOffer.builder("a.txt", 1).mediaType("Text/Plain").build()).kind());
        TransferFailure f = p.decide(ALICE, JAR).reason().orElseThrow();
        assertEquals(Decision.NOT_ACCEPTABLE_HERE, f.status());
        assertEquals("File type not accepted: application/java-archive; accepted: image/*, text/plain", f.reason());
    }

    @Test
    void denyWinsOverAllow() {
        ConfiguredAcceptancePolicy p = ConfiguredAcceptancePolicy.builder(Mode.ALL)
                .allow(MediaRange.parse("image/*")).deny(MediaRange.parse("image/svg+xml")).build();
        FileOffer svg = FileOffer.builder("x.svg", 1).mediaType("image/svg+xml").build();
        assertEquals(Decision.Kind.REJECT, p.decide(ALICE, svg).kind());
        assertEquals(Decision.Kind.ACCEPT, p.decide(ALICE, PNG).kind());
    }

    @Test
    void rejectsANegativeLimit() {
        assertThrows(IllegalArgumentException.class, () -> ConfiguredAcceptancePolicy.builder(Mode.ALL).maxSize(-2));
    }
}
