package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

/** The plain message session that carries an RFC 4483 offer (RFC 4975 §8), told apart from RFC 5547 file offers. */
class MessageSessionTest {

    private static final LocalEndpoint ALICE = LocalEndpoint.of("alice", "127.0.0.1", 2855, false);
    private static final List<String> PATH = List.of("msrp://127.0.0.1:2855/s3ss10n;tcp");

    private static Sdp reparse(Sdp sdp) throws SdpException {
        return SdpParser.withDefaults().parse(SdpWriter.toBytes(sdp));
    }

    @Test
    void offerIsAMessageSessionAcceptingCpimWithTheOfferTypesWrappedAndNoFileSelector() throws Exception {
        String text = new String(SdpWriter.toBytes(MessageSession.offer(ALICE, PATH, new Random(1))), StandardCharsets.US_ASCII);
        assertTrue(text.contains("m=message 2855 TCP/MSRP *\r\n"), text);
        assertTrue(text.contains("a=accept-types:message/cpim\r\n"), text);
        assertTrue(text.contains("a=accept-wrapped-types:message/external-body multipart/mixed message/imdn+xml"), text);
        assertTrue(text.contains("a=path:" + PATH.get(0) + "\r\n"), text);
        assertTrue(text.contains("a=setup:actpass\r\n"), text);
        assertFalse(text.contains("a=file-selector"), text);
    }

    @Test
    void readerTakesTheMessageSessionOfferAndTheAnswerTakesThePassiveRole() throws Exception {
        Sdp offer = reparse(MessageSession.offer(ALICE, PATH, new Random(2)));
        FileStream s = MessageSession.read(offer).orElseThrow();
        assertEquals(PATH, s.path());
        List<String> bobPath = List.of("msrp://127.0.0.1:2856/b0b;tcp");
        Sdp answer = reparse(MessageSession.answer(LocalEndpoint.of("bob", "127.0.0.1", 2856, false), s, bobPath, new Random(3)));
        FileStream a = FileStream.read(answer.media().get(0), answer);
        assertEquals(SetupRole.PASSIVE, a.setup(), "RFC 6135 §4.2.2: the answerer to actpass SHOULD listen");
        assertEquals(bobPath, a.path());
        assertEquals(List.of(MessageSession.CPIM), a.acceptTypes());
    }

    @Test
    void rfc5547FileOfferIsNotTakenForAMessageSession() throws Exception {
        FileOffer f = FileOffer.builder("a.txt", 3).mediaType("text/plain").sha1Hex("a9993e364706816aba3e25717850c26c9cd0d89d").build();
        Sdp fileOffer = reparse(new OfferAnswer(ALICE, new Random(4)).pushOffer(List.of(f), List.of(PATH)));
        assertTrue(MessageSession.read(fileOffer).isEmpty());
    }

    @Test
    void chatSessionWrappingOnlyTextIsNotTakenForAnOffer() throws Exception {
        Sdp offer = reparse(MessageSession.offer(ALICE, PATH, new Random(6)));
        MediaDescription m = offer.media().get(0);
        MediaDescription.Builder b = m.toBuilder().clearAttributes();
        m.attributes().stream().filter(a -> !a.name().equals("accept-wrapped-types")).forEach(b::attribute);
        b.attribute("accept-wrapped-types", "text/plain");
        Sdp chat = Sdp.builder(offer.origin()).connection(offer.connection().orElseThrow()).replaceMedia(List.of(b.build())).build();
        assertTrue(MessageSession.read(reparse(chat)).isEmpty());
    }

    @Test
    void messageSessionWithoutPathIsNotAcceptable() throws Exception {
        Sdp offer = reparse(MessageSession.offer(ALICE, PATH, new Random(5)));
        MediaDescription m = offer.media().get(0);
        MediaDescription.Builder b = m.toBuilder().clearAttributes();
        m.attributes().stream().filter(a -> !a.name().equals("path")).forEach(b::attribute);
        Sdp noPath = Sdp.builder(offer.origin()).connection(offer.connection().orElseThrow()).replaceMedia(List.of(b.build())).build();
        assertEquals(488, assertThrows(SdpException.class, () -> MessageSession.read(noPath)).status());
    }
}
