package org.sipdrop.negotiation.internal.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SdpWriterTest {

    private static Sdp.Builder session() {
        return Sdp.builder(Origin.of("alice", "1", "1", "h.example.com")).connection(ConnectionData.of("h.example.com"));
    }

    @Test
    void writesLinesInRfc4566OrderWithCrlf() {
        Sdp sdp = session().information("info").media(MediaDescription.builder("message", 9, "TCP/MSRP", "*")
                .information("title").flag("sendonly").attribute("path", "msrp://h:9/x;tcp").build()).build();
        assertEquals("v=0\r\no=alice 1 1 IN IP4 h.example.com\r\ns=-\r\ni=info\r\nc=IN IP4 h.example.com\r\nt=0 0\r\n"
                + "m=message 9 TCP/MSRP *\r\ni=title\r\na=sendonly\r\na=path:msrp://h:9/x;tcp\r\n", SdpWriter.write(sdp));
    }

    @Test
    void writesIpv6AddressType() {
        assertEquals("IN IP6 ::1", ConnectionData.of("::1").toString());
    }

    @Test
    void writesUtf8() throws SdpException {
        Sdp sdp = session().information("Grüße 日本").build();
        byte[] bytes = SdpWriter.toBytes(sdp);
        assertEquals(sdp, SdpParser.withDefaults().parse(bytes));
        assertEquals(SdpWriter.write(sdp), new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void refusesValuesThatWouldInjectLines() {
        assertThrows(IllegalArgumentException.class, () -> session().information("x\r\na=injected").build());
        assertThrows(IllegalArgumentException.class, () -> session().sessionName("x\nm=audio 1 RTP/AVP 0").build());
        assertThrows(IllegalArgumentException.class, () -> new Attribute("x", "a\rb"));
        assertThrows(IllegalArgumentException.class, () -> new Attribute("x\r\na=y", null));
        assertThrows(IllegalArgumentException.class, () -> new Field('u', "http://x\n"));
        assertThrows(IllegalArgumentException.class,
                () -> MediaDescription.builder("message", 1, "TCP/MSRP", "*").information("t\n").build());
        assertThrows(IllegalArgumentException.class, () -> Origin.of("al\nice", "1", "1", "h"));
        assertThrows(IllegalArgumentException.class, () -> ConnectionData.of("h\r\n"));
    }
}
