package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

class OfferAnswerTest {

    private static final String SHA1 = "0123456789abcdef0123456789abcdef01234567";

    private final OfferAnswer alice = new OfferAnswer(LocalEndpoint.of("alice", "10.0.0.1", 2855, false), new Random(1));
    private final OfferAnswer bob = new OfferAnswer(LocalEndpoint.of("bob", "10.0.0.2", 2856, false), new Random(2));

    private static FileOffer file(String name, long size) {
        return FileOffer.builder(name, size).mediaType("text/plain").sha1Hex(SHA1)
                .modified(Instant.parse("2024-01-02T03:04:05Z")).description("the " + name).build();
    }

    /** Parses what was written, as the peer would. */
    private static Sdp wire(Sdp sdp) throws SdpException {
        return SdpParser.withDefaults().parse(SdpWriter.toBytes(sdp));
    }

    @Test
    void pushOfferHasOneSendonlyStreamPerFileWithEverythingTheReceiverNeeds() throws SdpException {
        FileOffer a = file("a \"quoted\" name.txt", 10);
        FileOffer b = file("b.txt", 20).toBuilder().transferId("fixedTransferId").build();
        Sdp offer = wire(alice.pushOffer(List.of(a, b)));

        List<OfferedStream> streams = OfferReader.read(offer);
        assertEquals(2, streams.size());
        for (OfferedStream s : streams) {
            assertTrue(s.acceptable(), () -> s.problem().reason());
            assertEquals(StreamDirection.SENDONLY, s.stream().direction());
            assertEquals(SetupRole.ACTPASS, s.stream().setup());
            assertTrue(s.stream().path().get(0).startsWith("msrp://10.0.0.1:2855/"));
        }
        assertNotEquals(streams.get(0).stream().path(), streams.get(1).stream().path());
        assertEquals(32, streams.get(0).stream().transferId().length());
        assertEquals("fixedTransferId", streams.get(1).stream().transferId());
        assertEquals(new FileRange(1, 10), streams.get(0).stream().range());

        FileOffer back = FileOfferMapping.toFileOffer(streams.get(0).stream());
        assertEquals(a.name(), back.name());
        assertEquals(a.sha1Hex(), back.sha1Hex());
        assertEquals(a.modified(), back.modified());
        assertEquals(a.description(), back.description());
        assertTrue(a.sameFileAs(back));
    }

    /** A session transport with its own proto token (not MSRP) negotiates like MSRP, paths of its own scheme. */
    @Test
    void anotherSessionTransportsProtoIsOfferedAnsweredAndValidated() throws SdpException {
        OfferAnswer carol = new OfferAnswer(LocalEndpoint.of("carol", "10.0.0.3", 7000, "TCP/X-ACME"), new Random(3));
        OfferAnswer dave = new OfferAnswer(LocalEndpoint.of("dave", "10.0.0.4", 7001, "TCP/X-ACME"), new Random(4));
        Sdp offer = wire(carol.pushOffer(List.of(file("a.txt", 10)), List.of(List.of("acme://10.0.0.3:7000/s1")), null));
        assertEquals("TCP/X-ACME", offer.media().get(0).proto());
        assertEquals(488, assertThrows(SdpException.class, () -> OfferReader.read(offer, FileStream::isMsrp)).status(),
                "a side without the transport refuses the stream");
        List<OfferedStream> streams = OfferReader.read(offer, p -> p.equalsIgnoreCase("TCP/X-ACME"));
        assertTrue(streams.get(0).acceptable(), () -> streams.get(0).problem().reason());
        Sdp answer = wire(dave.answer(offer, List.of(StreamAnswer.accept()), List.of(List.of("acme://10.0.0.4:7001/s2"))));
        assertEquals(List.of(0), AnswerValidator.validate(offer, answer));
        assertEquals("TCP/X-ACME", answer.media().get(0).proto());
        assertEquals(List.of("acme://10.0.0.4:7001/s2"), FileStream.read(answer.media().get(0), answer).path());
    }

    @Test
    void pushOfferRefusesAFileWithoutHash() {
        FileOffer noHash = FileOffer.builder("x", 1).build();
        assertThrows(IllegalArgumentException.class, () -> alice.pushOffer(List.of(noHash)));
        assertThrows(IllegalArgumentException.class, () -> alice.pushOffer(List.of()));
    }

    @Test
    void answerMirrorsDirectionCopiesSelectorAndIdAndSetsOwnPathAndSetup() throws SdpException {
        Sdp offer = wire(alice.pushOffer(List.of(file("a.txt", 10))));
        Sdp answer = wire(bob.answer(offer, List.of(StreamAnswer.accept())));

        FileStream o = FileStream.read(offer.media().get(0), offer);
        FileStream a = FileStream.read(answer.media().get(0), answer);
        assertEquals(StreamDirection.RECVONLY, a.direction());
        assertEquals(o.selector(), a.selector());
        assertEquals(o.transferId(), a.transferId());
        assertEquals(o.range(), a.range());
        assertTrue(a.path().get(0).startsWith("msrp://10.0.0.2:2856/"));
        assertEquals(SetupRole.PASSIVE, a.setup(), "RFC 6135 §4.2.2: the answerer to actpass SHOULD listen");
        assertEquals(2856, answer.media().get(0).port());
        assertEquals("bob", answer.origin().username());
        assertEquals(List.of(0), AnswerValidator.validate(offer, answer));
    }

    @Test
    void answerRejectsOneStreamWithPortZeroAndAcceptsTheOthers() throws SdpException {
        Sdp offer = wire(alice.pushOffer(List.of(file("a.txt", 10), file("b.txt", 20), file("c.txt", 30))));
        Sdp answer = wire(bob.answer(offer, List.of(StreamAnswer.accept(), StreamAnswer.reject(), StreamAnswer.accept())));

        assertEquals(3, answer.media().size());
        MediaDescription rejected = answer.media().get(1);
        assertEquals(0, rejected.port());
        assertEquals("message", rejected.media());
        assertEquals("TCP/MSRP", rejected.proto());
        // RFC 5547 §8.3: the rejected m= line mirrors the offer's file-selector and file-transfer-id, nothing else
        MediaDescription offered = offer.media().get(1);
        assertEquals(List.of("file-selector", "file-transfer-id"), rejected.attributes().stream().map(Attribute::name).toList());
        assertEquals(offered.attribute("file-selector"), rejected.attribute("file-selector"));
        assertEquals(offered.attribute("file-transfer-id"), rejected.attribute("file-transfer-id"));
        assertEquals(List.of(0, 2), AnswerValidator.validate(offer, answer));
    }

    @Test
    void answerRejectsUnacceptableStreamsWhateverItWasAskedToDo() throws SdpException {
        String body = Vectors.TWO_FILES_OFFER.replace("a=path:msrps://atlanta.example.com:7654/kwe8qwe9ert;tcp\r\n", "");
        Sdp offer = wire(SdpParser.withDefaults().parse(body));
        Sdp answer = bob.answer(offer, List.of(StreamAnswer.accept(), StreamAnswer.accept()));
        assertEquals(2856, answer.media().get(0).port());
        assertEquals(0, answer.media().get(1).port());
        assertEquals("TCP/TLS/MSRP", answer.media().get(1).proto());
    }

    @Test
    void answerToTlsStreamUsesMsrpsPath() throws SdpException {
        Sdp offer = SdpParser.withDefaults().parse(Vectors.TWO_FILES_OFFER);
        Sdp answer = bob.answer(offer, List.of(StreamAnswer.reject(), StreamAnswer.accept()));
        FileStream a = FileStream.read(answer.media().get(1), answer);
        assertTrue(a.tls());
        assertTrue(a.path().get(0).startsWith("msrps://"));
        assertEquals(List.of(1), AnswerValidator.validate(offer, answer));
    }

    @Test
    void answerNeedsOneDecisionPerStream() throws SdpException {
        Sdp offer = alice.pushOffer(List.of(file("a.txt", 10)));
        assertThrows(IllegalArgumentException.class, () -> bob.answer(offer, List.of()));
    }

    @Test
    void receiverResumesWithAFileRange() throws SdpException {
        Sdp offer = wire(alice.pushOffer(List.of(file("a.txt", 1000))));
        Sdp answer = wire(bob.answer(offer, List.of(StreamAnswer.acceptRange(FileRange.resumeAfter(400, 1000)))));
        assertEquals(new FileRange(401, 1000), FileStream.read(answer.media().get(0), answer).range());
        assertEquals(List.of(0), AnswerValidator.validate(offer, answer));
        assertThrows(IllegalArgumentException.class,
                () -> bob.answer(offer, List.of(StreamAnswer.acceptRange(new FileRange(1, 2000)))));
    }

    @Test
    void pullOfferIsRecvonlyAndItsAnswerSendsTheMatchingFile() throws SdpException {
        FileOffer wanted = file("song.mp3", 4096);
        Sdp offer = wire(alice.pullOffer(List.of(FileSelector.of(null, null, -1, "sha-1", wanted.sha1().orElseThrow()))));
        OfferedStream s = OfferReader.read(offer).get(0);
        assertFalse(s.isPush());
        assertEquals(StreamDirection.RECVONLY, s.stream().direction());

        Sdp answer = wire(bob.answer(offer, List.of(StreamAnswer.send(wanted))));
        FileStream a = FileStream.read(answer.media().get(0), answer);
        assertEquals(StreamDirection.SENDONLY, a.direction());
        assertEquals(FileOfferMapping.selectorOf(wanted), a.selector());
        assertEquals(s.stream().transferId(), a.transferId());
        assertNull(a.range()); // the whole file was asked for (RFC 5547 §6: no a=file-range means 1-*)
        assertTrue(a.date().modificationTime().isPresent());
        assertEquals(List.of(0), AnswerValidator.validate(offer, answer));
    }

    @Test
    void pullAnswerRefusesToSendAnotherFileThanRequested() throws SdpException {
        Sdp offer = alice.pullOffer(List.of(FileSelector.of("wanted.txt", null, -1, null, null)));
        assertThrows(IllegalArgumentException.class, () -> bob.answer(offer, List.of(StreamAnswer.send(file("other.txt", 1)))));
        assertThrows(IllegalArgumentException.class, () -> alice.pullOffer(List.of(FileSelector.empty())));
    }

    @Test
    void hostileNamesSurviveTheWholeOfferAnswerExchangeWithoutInjectingLines() throws SdpException {
        String hostile = "a\"b%c:d e\r\na=file-transfer-id:stolen\r\nm=audio 9 RTP/AVP 0.txt";
        Sdp offer = wire(alice.pushOffer(List.of(file(hostile, 5).toBuilder().description(null).build())));
        assertEquals(1, offer.media().size());
        assertEquals(1, offer.media().get(0).countAttribute("file-transfer-id"));
        FileStream s = FileStream.read(offer.media().get(0), offer);
        assertEquals(hostile, s.selector().name().orElseThrow());
        // the decoded name still holds CR LF, which the receiver refuses rather than showing it
        assertEquals(488, assertThrows(SdpException.class, () -> OfferReader.read(offer)).status());
    }

    @Test
    void descriptionThatWouldInjectLinesIsRefused() {
        FileOffer f = file("a.txt", 1).toBuilder().description("nice\r\na=file-transfer-id:stolen").build();
        assertThrows(IllegalArgumentException.class, () -> alice.pushOffer(List.of(f)));
    }

    @Test
    void ipv6HostIsBracketedInPathAndTypedInConnection() throws SdpException {
        OfferAnswer v6 = new OfferAnswer(LocalEndpoint.of("carol", "2001:db8::1", 2855, true), new Random(3));
        Sdp offer = wire(v6.pushOffer(List.of(file("a.txt", 1))));
        assertEquals("IP6", offer.connection().orElseThrow().addressType());
        FileStream s = FileStream.read(offer.media().get(0), offer);
        assertTrue(s.path().get(0).startsWith("msrps://[2001:db8::1]:2855/"), s.path().get(0));
        assertEquals("TCP/TLS/MSRP", offer.media().get(0).proto());
    }

    /** RFC 6135 §4.4: "MSRP UAs MUST NOT use the SDP a=connection attribute." */
    @Test
    void neitherOffersNorAnswersCarryAConnectionAttribute() throws SdpException {
        Sdp push = alice.pushOffer(List.of(file("a.txt", 10)));
        Sdp pull = alice.pullOffer(List.of(FileSelector.of("a.txt", null, -1, null, null)));
        Sdp answer = bob.answer(wire(push), List.of(StreamAnswer.accept()));
        for (Sdp sdp : List.of(push, pull, answer)) {
            String text = new String(SdpWriter.toBytes(sdp), java.nio.charset.StandardCharsets.US_ASCII);
            assertFalse(text.contains("a=connection"), text);
        }
    }

    /** RFC 6135 §4.2.1: a received a=connection is ignored; an offer without a=setup is an RFC 4975 one. */
    @Test
    void answerToAnOfferWithoutSetupListensAndSaysSo() throws SdpException {
        String offer = new String(SdpWriter.toBytes(alice.pushOffer(List.of(file("a.txt", 10)))),
                java.nio.charset.StandardCharsets.US_ASCII).replace("a=setup:actpass\r\n", "");
        Sdp answer = wire(bob.answer(SdpParser.withDefaults().parse(offer.getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                List.of(StreamAnswer.accept())));
        assertEquals(SetupRole.PASSIVE, FileStream.read(answer.media().get(0), answer).setup(),
                "RFC 4975 §5.4: the initiating endpoint connects; RFC 6135 §4.2.1: the answer says a=setup");
    }
}
