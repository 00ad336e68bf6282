package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.FileOffer;

/** The {@link Vectors}, SDP modelled on RFC 5547's examples; the RFC's own figures are tested in {@link Rfc5547FiguresTest}. */
class Rfc5547ExamplesTest {

    private final SdpParser parser = SdpParser.withDefaults();

    private Sdp parse(String body) throws SdpException {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void pushOfferAfterFig2ParsesToTypedAttributes() throws SdpException {
        Sdp sdp = parse(Vectors.PUSH_OFFER);
        assertEquals("alice", sdp.origin().username());
        assertEquals("", sdp.sessionName());
        assertEquals(1, sdp.media().size());
        MediaDescription m = sdp.media().get(0);
        assertEquals("message", m.media());
        assertEquals(7654, m.port());
        assertEquals("TCP/MSRP", m.proto());
        assertEquals(List.of("*"), m.formats());

        FileStream s = FileStream.read(m, sdp);
        assertEquals(StreamDirection.SENDONLY, s.direction());
        assertEquals("This is my latest picture", s.information());
        assertEquals("My cool picture.jpg", s.selector().name().orElseThrow());
        assertEquals("image/jpeg", s.selector().mediaType().orElseThrow());
        assertEquals(32349, s.selector().size().getAsLong());
        assertEquals("sha-1", s.selector().hashAlgorithm().orElseThrow());
        assertArrayEquals(HexFormat.of().parseHex(Vectors.SHA1_HEX.replace(":", "")), s.selector().hash().orElseThrow());
        assertEquals("vBnG916bdberum2fFEABR1FR3ExZMUrd", s.transferId());
        assertEquals("attachment", s.disposition());
        assertEquals(OffsetDateTime.of(2006, 5, 15, 15, 1, 31, 0, ZoneOffset.ofHours(3)), s.date().creation());
        assertEquals("cid:id2@alicepc.example.com", s.icon());
        assertEquals(new FileRange(1, 32349), s.range());
        assertEquals(List.of("msrp://atlanta.example.com:7654/jshA7weztas;tcp"), s.path());
        assertEquals(List.of("message/cpim"), s.acceptTypes());
        assertEquals(List.of("*"), s.acceptWrappedTypes());
    }

    @Test
    void pushOfferAfterFig2IsAnAcceptableFileOffer() throws SdpException {
        List<OfferedStream> streams = OfferReader.read(parse(Vectors.PUSH_OFFER));
        assertTrue(streams.get(0).acceptable());
        assertTrue(streams.get(0).isPush());
        FileOffer f = FileOfferMapping.toFileOffer(streams.get(0).stream());
        assertEquals("My cool picture.jpg", f.name());
        assertEquals("image/jpeg", f.mediaType());
        assertEquals(32349, f.size());
        assertEquals(Vectors.SHA1_HEX.replace(":", "").toLowerCase(), f.sha1Hex().orElseThrow());
        assertEquals("vBnG916bdberum2fFEABR1FR3ExZMUrd", f.transferId().orElseThrow());
        assertEquals("This is my latest picture", f.description().orElseThrow());
    }

    @Test
    void answerAfterFig9ValidatesAgainstItsOffer() throws SdpException {
        assertEquals(List.of(0), AnswerValidator.validate(parse(Vectors.PUSH_OFFER), parse(Vectors.PUSH_ANSWER)));
    }

    @Test
    void pullOfferAfterFig15SelectsTheFileByHashOnly() throws SdpException {
        Sdp sdp = parse(Vectors.PULL_OFFER);
        OfferedStream s = OfferReader.read(sdp).get(0);
        assertTrue(s.acceptable());
        assertFalse(s.isPush());
        assertEquals(StreamDirection.RECVONLY, s.stream().direction());
        assertTrue(s.stream().selector().name().isEmpty());
        assertTrue(s.stream().selector().size().isEmpty());
        assertEquals("Aw9ilduRGbCfVLyFkq1oqRnxRR3c1b0f", s.stream().transferId());
    }

    @Test
    void answerAfterFig16SendsTheRequestedFileAndValidates() throws SdpException {
        Sdp answer = parse(Vectors.PULL_ANSWER);
        assertEquals(List.of(0), AnswerValidator.validate(parse(Vectors.PULL_OFFER), answer));
        FileOffer f = FileOfferMapping.toFileOffer(FileStream.read(answer.media().get(0), answer));
        assertEquals("My cool song.mp3", f.name());
        assertEquals(4931584, f.size());
        assertEquals("audio/mpeg", f.mediaType());
    }

    @Test
    void offerOfSeveralFilesHasOneStreamPerFile() throws SdpException {
        Sdp sdp = parse(Vectors.TWO_FILES_OFFER);
        List<OfferedStream> streams = OfferReader.read(sdp);
        assertEquals(2, streams.size());
        assertTrue(streams.get(0).acceptable());
        assertTrue(streams.get(1).acceptable(), () -> String.valueOf(streams.get(1).problem()));
        assertFalse(streams.get(0).stream().tls());
        assertTrue(streams.get(1).stream().tls());
        FileSelector second = streams.get(1).stream().selector();
        assertEquals("text/plain", second.mediaType().orElseThrow());
        assertEquals("UTF-8", second.typeParameters().get("charset"));
        assertTrue(second.hash().isEmpty());
        assertEquals("text/plain", FileOfferMapping.toFileOffer(streams.get(1).stream()).mediaType());
    }

    @Test
    void resumeAnswerAsksForTheMissingOctetsOnly() throws SdpException {
        Sdp answer = parse(Vectors.RESUME_ANSWER);
        assertEquals(new FileRange(16385, 32349), FileStream.read(answer.media().get(0), answer).range());
        assertEquals(List.of(0), AnswerValidator.validate(parse(Vectors.PUSH_OFFER), answer));
    }

    @Test
    void capabilityIndicationParsesButOffersNoFile() throws SdpException {
        Sdp sdp = parse(Vectors.CAPABILITIES);
        FileStream s = FileStream.read(sdp.media().get(0), sdp);
        assertTrue(s.selector().isEmpty());
        assertEquals(20000, s.maxSize());
        assertNull(s.transferId());
        SdpException e = org.junit.jupiter.api.Assertions.assertThrows(SdpException.class, () -> OfferReader.read(sdp));
        assertEquals(488, e.status());
    }

    @Test
    void everyExampleRoundTripsByteForByte() throws SdpException {
        for (String body : List.of(Vectors.PUSH_OFFER, Vectors.PUSH_ANSWER, Vectors.PULL_OFFER, Vectors.PULL_ANSWER,
                Vectors.TWO_FILES_OFFER, Vectors.RESUME_ANSWER, Vectors.CAPABILITIES)) {
            Sdp sdp = parse(body);
            assertEquals(body, SdpWriter.write(sdp));
            assertEquals(sdp, parse(SdpWriter.write(sdp)));
        }
    }

    @Test
    void typedStreamWritesBackTheSameAttributes() throws SdpException {
        Sdp sdp = parse(Vectors.PUSH_OFFER);
        FileStream s = FileStream.read(sdp.media().get(0), sdp);
        Sdp again = sdp.toBuilder().replaceMedia(List.of(s.toMedia())).build();
        assertEquals(s, FileStream.read(again.media().get(0), again));
    }
}
