package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MsrpHeadersTest {

    private static MsrpHeaders.Builder builder() {
        return MsrpHeaders.builder(List.of(MsrpUri.parse(Frames.TO)), List.of(MsrpUri.parse(Frames.FROM)));
    }

    @Test
    void exposesEveryKnownHeaderTyped() {
        MsrpHeaders h = builder().messageId("87652491").byteRange(ByteRange.parse("1-*/25"))
                .successReport(SuccessReport.YES).failureReport(FailureReport.PARTIAL)
                .status(StatusHeader.msrp(413)).contentType("text/plain; charset=UTF-8")
                .add("Use-Path", "msrps://relay.example.com:2855/a1b2;tcp").add("Expires", "600")
                .add("Min-Expires", "60").add("Max-Expires", "3600").add("X-Custom", "anything: goes\there")
                .build();
        assertEquals("87652491", h.messageId().orElseThrow());
        assertEquals("1-*/25", h.byteRange().orElseThrow().toString());
        assertEquals(SuccessReport.YES, h.successReport().orElseThrow());
        assertEquals(FailureReport.PARTIAL, h.failureReport().orElseThrow());
        assertEquals(new StatusHeader(0, 413, "Message Too Large"), h.status().orElseThrow());
        assertEquals("text/plain; charset=UTF-8", h.contentType().orElseThrow());
        assertEquals("relay.example.com", h.usePath().orElseThrow().get(0).host());
        assertEquals(600, h.expires().getAsLong());
        assertEquals(60, h.minExpires().getAsLong());
        assertEquals(3600, h.maxExpires().getAsLong());
        assertEquals("anything: goes\there", h.first("x-custom").orElseThrow());
        assertEquals(11, h.fields().size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"Message-ID|ab", "Message-ID|-abc", "Byte-Range|1-2", "Success-Report|partial",
        "Failure-Report|maybe", "Status|200 OK", "Status|000 20 OK", "Content-Type|text",
        "Content-Type|te xt/plain", "Expires|-1", "Min-Expires|soon", "Use-Path|sip:relay", "To-Path|" + Frames.TO,
        "From-Path|" + Frames.FROM, "1Bad|x", "Bad Name|x", "X-Ctl|a\u0001b"})
    void rejectsMalformedHeader(String name, String value) {
        assertThrows(IllegalArgumentException.class, () -> builder().add(name, value));
    }

    @Test
    void rejectsRepeatedSingleValuedHeader() {
        assertThrows(IllegalArgumentException.class, () -> builder().messageId("abcd").add("message-id", "efgh"));
    }

    @Test
    void keepsRepeatedExtensionHeadersInOrder() {
        MsrpHeaders h = builder().add("X-A", "1").add("X-B", "2").add("X-A", "3").build();
        assertEquals(List.of(new MsrpHeaders.Field("X-A", "1"), new MsrpHeaders.Field("X-B", "2"),
                new MsrpHeaders.Field("X-A", "3")), h.fields());
    }

    @Test
    void requiresBothPaths() {
        assertThrows(IllegalArgumentException.class, () -> MsrpHeaders.builder(List.of(), List.of(MsrpUri.parse(Frames.TO))));
    }

    @Test
    void statusHeaderRoundTrips() {
        assertEquals("000 200 OK", StatusHeader.parse("000 200 OK").toString());
        assertEquals("000 408", StatusHeader.parse("000 408").toString());
        assertTrue(StatusHeader.parse("000 408").comment() == null);
    }
}
