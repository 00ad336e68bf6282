package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class OfferReaderTest {

    private static Sdp parse(String body) throws SdpException {
        return SdpParser.withDefaults().parse(body);
    }

    private static void assertNotAcceptable(String body, String fragment) throws SdpException {
        Sdp sdp = parse(body);
        SdpException e = assertThrows(SdpException.class, () -> OfferReader.read(sdp));
        assertEquals(488, e.status(), e::getMessage);
        assertTrue(e.reason().contains(fragment), () -> "'" + e.reason() + "' lacks '" + fragment + "'");
    }

    @Test
    void offerWithoutFileSelectorIsNotAcceptable() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replaceAll("a=file-selector:[^\r]*\r\n", ""), "no a=file-selector");
    }

    @Test
    void offerWithUnsupportedTransportIsNotAcceptable() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replace("TCP/MSRP", "TCP/WS/MSRP"), "transport 'TCP/WS/MSRP' is not supported");
        assertNotAcceptable(Vectors.PUSH_OFFER.replace("m=message 7654 TCP/MSRP *", "m=audio 7654 RTP/AVP 0"),
                "m=audio is not a file transfer");
    }

    @Test
    void offerWithoutPathIsNotAcceptable() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replaceAll("a=path:[^\r]*\r\n", ""), "no a=path");
    }

    @Test
    void offerWithoutTransferIdOrAcceptTypesIsNotAcceptable() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replaceAll("a=file-transfer-id:[^\r]*\r\n", ""), "no a=file-transfer-id");
        assertNotAcceptable(Vectors.PUSH_OFFER.replaceAll("a=accept-types:[^\r]*\r\n", ""), "no a=accept-types");
    }

    @Test
    void bidirectionalFileStreamIsNotAcceptable() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replace("a=sendonly", "a=sendrecv"), "not sendrecv");
        assertNotAcceptable(Vectors.PUSH_OFFER.replace("a=sendonly\r\n", ""), "not sendrecv");
    }

    @Test
    void sessionLevelDirectionAppliesToTheStream() throws SdpException {
        String body = Vectors.PUSH_OFFER.replace("a=sendonly\r\n", "").replace("t=0 0\r\n", "t=0 0\r\na=sendonly\r\n");
        assertTrue(OfferReader.read(parse(body)).get(0).isPush());
    }

    @Test
    void pushWithoutSizeIsNotAcceptableHereButWithoutNameItIs() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replace("size:32349 ", ""), "has no size");
        assertTrue(OfferReader.read(parse(Vectors.PUSH_OFFER.replace("name:\"My cool picture.jpg\" ", ""))).get(0).acceptable());
    }

    @Test
    void pathSchemeMustMatchTransport() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replace("TCP/MSRP", "TCP/TLS/MSRP"), "scheme does not match");
    }

    @Test
    void malformedAttributeMakesTheWholeOffer400() throws SdpException {
        for (String bad : List.of(Vectors.PUSH_OFFER.replace("size:32349", "size:lots"),
                Vectors.PUSH_OFFER.replace("a=file-range:1-32349", "a=file-range:0-32349"),
                Vectors.PUSH_OFFER.replace("a=path:msrp://", "a=path:http://"),
                Vectors.PUSH_OFFER.replace("a=accept-types:message/cpim", "a=accept-types:cpim"),
                Vectors.PUSH_OFFER.replace("a=file-icon:cid:", "a=file-icon:http:"),
                Vectors.PUSH_OFFER.replace("a=sendonly", "a=sendonly\r\na=recvonly"),
                Vectors.PUSH_OFFER.replace("a=file-transfer-id:", "a=file-transfer-id:a b"),
                Vectors.PUSH_OFFER + "a=file-transfer-id:second\r\n",
                Vectors.PUSH_OFFER + "a=setup:sometimes\r\n", Vectors.PUSH_OFFER + "a=max-size:big\r\n")) {
            Sdp sdp = parse(bad);
            SdpException e = assertThrows(SdpException.class, () -> OfferReader.read(sdp), bad);
            assertEquals(400, e.status(), e.getMessage());
        }
    }

    @Test
    void oneBadStreamDoesNotSpoilTheOthers() throws SdpException {
        String body = Vectors.TWO_FILES_OFFER.replace("a=path:msrps://atlanta.example.com:7654/kwe8qwe9ert;tcp\r\n", "");
        List<OfferedStream> streams = OfferReader.read(parse(body));
        assertTrue(streams.get(0).acceptable());
        assertFalse(streams.get(1).acceptable());
        assertTrue(streams.get(1).problem().reason().startsWith("stream 2: no a=path"));
    }

    @Test
    void offerWithoutMediaIsNotAcceptable() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.substring(0, Vectors.PUSH_OFFER.indexOf("m=")), "no m= line");
    }

    @Test
    void controlCharactersInADecodedNameMakeThePushNotAcceptable() throws SdpException {
        assertNotAcceptable(Vectors.PUSH_OFFER.replace("My cool picture.jpg", "evil%0D%0Aname.jpg"), "control characters");
    }
}
