package org.sipdrop.ui.internal.receive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.IPath;
import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.ui.internal.transfers.FakeTransfer;

class OfferPromptTest {

    private final FileOffer offer = FileOffer.builder("a.txt", 3).sha1Hex("0123456789abcdef0123456789abcdef01234567").build();
    private final Destinations<IPath> destinations = new Destinations<>();

    @Test
    void acceptWithSaveAsRemembersWhereTheFileGoes() {
        OfferPrompt prompt = new OfferPrompt((s, o, reply) -> {
            reply.complete(OfferReply.saveAs(IPath.fromPortableString("/P/in/a.txt")));
            return () -> { };
        }, destinations, Duration.ofSeconds(5));
        assertEquals(Decision.Kind.ACCEPT, prompt.decide("sip:bob@x", offer).kind());
        assertEquals(Optional.of(IPath.fromPortableString("/P/in/a.txt")),
                destinations.take(FakeTransfer.incoming("sip:bob@x", offer)));
    }

    @Test
    void rejectTellsTheSenderTheUserDeclined() {
        OfferPrompt prompt = new OfferPrompt((s, o, reply) -> {
            reply.complete(OfferReply.reject());
            return () -> { };
        }, destinations, Duration.ofSeconds(5));
        Decision d = prompt.decide("sip:bob@x", offer);
        assertEquals(Decision.Kind.REJECT, d.kind());
        assertEquals(Decision.DECLINE, d.reason().orElseThrow().status());
        assertEquals(0, destinations.size());
    }

    @Test
    void anUnansweredOfferIsDeclinedAndItsNotificationClosed() {
        AtomicBoolean closed = new AtomicBoolean();
        OfferPrompt prompt = new OfferPrompt((s, o, reply) -> () -> closed.set(true), destinations, Duration.ofMillis(50));
        Decision d = prompt.decide("sip:bob@x", offer);
        assertEquals(Decision.Kind.REJECT, d.kind());
        assertTrue(d.reason().orElseThrow().reason().startsWith("Not answered"), d.toString());
        assertTrue(closed.get());
    }

    @Test
    void withoutAWorkbenchOffersAreDeclinedAtOnce() {
        OfferPrompt prompt = new OfferPrompt((s, o, reply) -> null, destinations, Duration.ofSeconds(5));
        Decision d = prompt.decide("sip:bob@x", offer);
        assertEquals(Decision.Kind.REJECT, d.kind());
        assertEquals(Decision.DECLINE, d.reason().orElseThrow().status());
    }
}
