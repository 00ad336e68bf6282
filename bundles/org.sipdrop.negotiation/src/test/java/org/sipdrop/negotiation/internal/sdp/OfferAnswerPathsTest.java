package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

/** Offers and answers carry the a=path of the transport session that will move the file (RFC 4975 §8.2). */
class OfferAnswerPathsTest {

    private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";
    private static final String ALICE = "msrp://127.0.0.1:40001/aliceSession1;tcp";
    private static final String RELAY = "msrp://relay.example:2855/relayHop;tcp";
    private static final String BOB = "msrp://127.0.0.1:40002/bobSession1;tcp";

    private final OfferAnswer alice = new OfferAnswer(LocalEndpoint.of("alice", "127.0.0.1", 40001, false), new Random(1));
    private final OfferAnswer bob = new OfferAnswer(LocalEndpoint.of("bob", "127.0.0.1", 40002, false), new Random(2));

    private static FileOffer file(String name, long size) {
        return FileOffer.builder(name, size).sha1Hex(SHA1).build();
    }

    private static Sdp wire(Sdp sdp) throws SdpException {
        return SdpParser.withDefaults().parse(SdpWriter.toBytes(sdp));
    }

    @Test
    void offerCarriesEachSessionsPathAndThePortOfItsOwnUri() throws SdpException {
        Sdp offer = wire(alice.pushOffer(List.of(file("a.txt", 10), file("b.txt", 20)),
                List.of(List.of(RELAY, ALICE), List.of("msrp://127.0.0.1:40003/aliceSession2;tcp"))));
        List<OfferedStream> streams = OfferReader.read(offer);
        assertEquals(List.of(RELAY, ALICE), streams.get(0).stream().path());
        assertEquals(40001, offer.media().get(0).port(), "the m= port is that of the last URI (RFC 4975 §8.1)");
        assertEquals(40003, offer.media().get(1).port());
    }

    @Test
    void answerCarriesOwnPathAndTheResumeRangeAndRejectsWithPortZero() throws SdpException {
        Sdp offer = wire(alice.pushOffer(List.of(file("a.txt", 1000), file("b.txt", 20)), List.of(List.of(ALICE),
                List.of("msrp://127.0.0.1:40001/aliceSession2;tcp"))));
        Sdp answer = wire(bob.answer(offer, List.of(StreamAnswer.acceptRange(FileRange.resumeAfter(400, 1000)),
                StreamAnswer.reject()), Arrays.asList(List.of(BOB), null)));
        assertEquals(List.of(0), AnswerValidator.validate(offer, answer));
        FileStream a = FileStream.read(answer.media().get(0), answer);
        assertEquals(List.of(BOB), a.path());
        assertEquals(new FileRange(401, 1000), a.range());
        assertEquals(SetupRole.PASSIVE, a.setup(), "the answerer to actpass listens (RFC 6135 §4.2.2)");
        assertEquals(0, answer.media().get(1).port());
    }

    @Test
    void onePathPerStreamIsRequired() {
        assertThrows(IllegalArgumentException.class,
                () -> alice.pushOffer(List.of(file("a.txt", 10), file("b.txt", 10)), List.of(List.of(ALICE))));
    }
}
