package org.sipdrop.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipReason;

/** RFC 3326 §2 Reason values: format, parse, other protocols ignored. */
class SipReasonTest {

    @Test
    void formatsCauseQuotedTextAndExtensions() {
        assertEquals("SIP ;cause=200 ;text=\"Verified \\\"x\\\"\" ;ids=a.b",
                SipReason.of(200, "Verified \"x\"").with("ids", "a.b").format());
    }

    @Test
    void parsesWhatItFormats() {
        SipReason r = SipReason.of(500, "Cannot save; disk full \\ here").with("ids", "K1");
        assertEquals(r, SipReason.parse(r.format()).orElseThrow());
    }

    @Test
    void parsesRfc3326Example() {
        SipReason r = SipReason.parse("SIP ;cause=200 ;text=\"Call completed elsewhere\"").orElseThrow();
        assertEquals(200, r.cause());
        assertEquals("Call completed elsewhere", r.text());
        assertTrue(r.isSuccess());
    }

    @Test
    void ignoresOtherProtocolsAndBrokenValues() {
        assertTrue(SipReason.parse("Q.850 ;cause=16 ;text=\"Terminated\"").isEmpty());
        assertTrue(SipReason.parse("SIP ;text=\"no cause\"").isEmpty());
        assertTrue(SipReason.parse("SIP ;cause=2000").isEmpty());
        assertTrue(SipReason.parse("SIP ;cause=200 ;text=\"unterminated").isEmpty());
    }

    @Test
    void controlCharactersNeverReachTheHeader() {
        assertEquals("a b", SipReason.of(400, "a\r\nb".replace("\r\n", "\n")).text());
        assertThrows(IllegalArgumentException.class, () -> SipReason.of(400, "x").with("bad name", "v"));
    }
}
