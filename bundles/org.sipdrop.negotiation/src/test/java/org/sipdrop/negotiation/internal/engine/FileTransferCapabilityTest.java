package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.negotiation.internal.sdp.Attribute;
import org.sipdrop.negotiation.internal.sdp.MediaDescription;
import org.sipdrop.negotiation.internal.sdp.Sdp;
import org.sipdrop.negotiation.internal.sdp.SdpParser;
import org.sipdrop.sip.SipBody;

/** The RFC 5547 §8.5 capability in OPTIONS answers, held against the RFC's Figure 24 (§9.3). */
class FileTransferCapabilityTest {

    /** The proto to scheme mapping the running MSRP transport declares. */
    private static final java.util.function.Function<String, Optional<String>> MSRP = proto ->
            proto.equalsIgnoreCase("TCP/MSRP") ? Optional.of("msrp")
                    : proto.equalsIgnoreCase("TCP/TLS/MSRP") ? Optional.of("msrps") : Optional.empty();

    private static java.util.Map<String, String> protos(String... schemes) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String s : schemes) {
            m.put(s, s.equals("msrps") ? "TCP/TLS/MSRP" : "TCP/MSRP");
        }
        return m;
    }


    /** RFC 5547 §9.3, Figure 24, verbatim but for the RFC's indentation; CRLF line ends on the wire. */
    static final String FIG_24 = ""
            + "v=0\n"
            + "o=bob 2890844656 2890855439 IN IP4 bobpc.example.com\n"
            + "s=-\n"
            + "c=IN IP4 bobpc.example.com\n"
            + "t=0 0\n"
            + "m=message 0 TCP/MSRP *\n"
            + "a=accept-types:message/cpim\n"
            + "a=accept-wrapped-types:*\n"
            + "a=max-size:20000\n"
            + "a=file-selector\n";

    /** The attributes RFC 5547 §6 defines besides file-selector; §8.5: none may appear. */
    private static final List<String> OTHER_FILE_ATTRIBUTES = List.of("file-transfer-id", "file-disposition",
            "file-date", "file-icon", "file-range");

    private static SipBody sdp(String text) {
        return new SipBody("application/sdp", text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static Sdp parse(SipBody body) throws Exception {
        return SdpParser.withDefaults().parse(body.content());
    }

    @Test
    void readsThePeersFigure24AnswerAsMsrpFileTransfer() {
        assertEquals(List.of("msrp"), FileTransferCapability.schemes(Optional.of(sdp(FIG_24)), MSRP));
    }

    @Test
    void answerWithoutFileSelectorOrWithoutSdpSaysNothing() {
        assertTrue(FileTransferCapability.schemes(Optional.of(sdp(FIG_24.replace("a=file-selector\n", ""))), MSRP)
                .isEmpty());
        assertTrue(FileTransferCapability.schemes(Optional.empty(), MSRP).isEmpty());
        assertTrue(FileTransferCapability.schemes(Optional.of(SipBody.text("v=0")), MSRP).isEmpty());
    }

    @Test
    void ourAnswerHasTheShapeOfFigure24() throws Exception {
        Sdp fig = parse(sdp(FIG_24));
        SipBody body = FileTransferCapability.describe("sip:bob@192.0.2.4:5071;transport=tcp", protos("msrp"))
                .orElseThrow();
        assertEquals("application/sdp", body.mediaType());
        Sdp ours = parse(body);
        assertEquals(fig.timing(), ours.timing(), "RFC 3264 §9: t=0 0");
        assertEquals("192.0.2.4", ours.connection().orElseThrow().address());
        assertEquals(1, ours.media().size(), "one m= line per MSRP transport; http is not one");
        MediaDescription want = fig.media().get(0);
        MediaDescription got = ours.media().get(0);
        assertEquals(want.media(), got.media());
        assertEquals(0, got.port(), "RFC 3264 §9: port zero");
        assertEquals(want.proto(), got.proto());
        assertEquals(want.formats(), got.formats());
        assertTrue(got.attributes().contains(Attribute.flag("file-selector")), "RFC 5547 §8.5: empty file-selector");
        assertTrue(got.attribute("accept-types").orElseThrow().contains("message/cpim"));
        assertEquals(want.attribute("accept-wrapped-types"), got.attribute("accept-wrapped-types"));
        for (String a : OTHER_FILE_ATTRIBUTES) {
            assertFalse(got.hasAttribute(a), "RFC 5547 §8.5 forbids a=" + a);
        }
        assertEquals(List.of("msrp"), FileTransferCapability.schemes(Optional.of(body), MSRP));
    }

    @Test
    void eachCapabilitySdpHasItsOwnSessionIdAndTlsGetsItsOwnLine() throws Exception {
        Sdp a = parse(FileTransferCapability.describe("sip:bob@[::1]:5071", protos("msrp", "msrps")).orElseThrow());
        Sdp b = parse(FileTransferCapability.describe("sip:bob@[::1]:5071", protos("msrp", "msrps")).orElseThrow());
        assertNotEquals(a.origin().sessionId(), b.origin().sessionId(), "RFC 3264 §9: unique session id");
        assertEquals("IP6", a.origin().addressType());
        assertEquals(List.of(MediaDescription.PROTO_MSRP, MediaDescription.PROTO_MSRP_TLS),
                a.media().stream().map(MediaDescription::proto).toList());
        assertEquals(List.of("msrp", "msrps"), FileTransferCapability.schemes(
                FileTransferCapability.describe("sip:bob@[::1]:5071", protos("msrp", "msrps")), MSRP));
    }

    @Test
    void noMsrpTransportNoCapabilityBody() {
        assertTrue(FileTransferCapability.describe("sip:bob@192.0.2.4", java.util.Map.of()).isEmpty());
    }
}
