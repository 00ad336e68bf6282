package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedFrameTest {

    private static MsrpProtocolException failure(MsrpFrameReader reader) {
        return assertThrows(MsrpProtocolException.class, reader::next);
    }

    /** The broken frame, then the RFC SEND: after a recoverable error the SEND must still be read. */
    private static void assertResynchronises(String broken, int status) throws IOException {
        for (int size = 1; size <= 17; size += 4) {
            MsrpFrameReader reader = Frames.reader(broken + Frames.RFC_SEND, size);
            MsrpProtocolException e = failure(reader);
            assertEquals(status, e.status(), e.getMessage());
            assertTrue(e.isRecoverable(), e.getMessage());
            assertFalse(reader.mustClose());
            ReceivedFrame next = reader.next();
            assertEquals("a786hjs2", next.transactionId(), "buffer " + size);
            assertEquals("Hey Bob, are you there?", Frames.text(Frames.readBody(next.body(), 5)));
            assertNull(reader.next());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET / HTTP/1.1\r\n\r\n", "MSRP\r\n", "MSRP ab SEND\r\n", "MSRP -abc SEND\r\n",
        "\r\nMSRP a786hjs2 SEND\r\n", "MSRP a786hjs2 SEND\n", "msrp a786hjs2 SEND\r\n"})
    void unreadableStartLineClosesTheConnection(String wire) {
        MsrpFrameReader reader = Frames.reader(wire + Frames.RFC_SEND, 16);
        MsrpProtocolException e = failure(reader);
        assertEquals(400, e.status());
        assertFalse(e.isRecoverable());
        assertTrue(e.transactionId().isEmpty());
        assertTrue(reader.mustClose());
        assertThrows(IllegalStateException.class, reader::next);
    }

    @Test
    void overlongStartLineClosesTheConnection() {
        String wire = "MSRP a786hjs2 " + "A".repeat(5000) + "\r\n";
        MsrpProtocolException e = failure(Frames.reader(wire, 512));
        assertFalse(e.isRecoverable());
    }

    @Test
    void badMethodTokenIsRecoverable400() throws IOException {
        assertResynchronises("MSRP xx11yy22 send\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: " + Frames.FROM
                + "\r\n-------xx11yy22$\r\n", 400);
    }

    @Test
    void unknownMethodIsAnswered501WithTheRequest() throws IOException {
        String wire = "MSRP xx11yy22 FETCH\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: " + Frames.FROM
                + "\r\nContent-Type: text/plain\r\n\r\nbody\r\n-------xx11yy22$\r\n";
        MsrpProtocolException e = failure(Frames.reader(wire, 64));
        assertEquals(501, e.status());
        assertEquals("xx11yy22", e.transactionId().orElseThrow());
        assertTrue(e.isAnswerable());
        assertEquals("FETCH", ((MsrpRequest) e.frame().orElseThrow()).method());
        assertResynchronises(wire, 501);
        assertResynchronises("MSRP xx11yy22 FETCH\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: " + Frames.FROM
                + "\r\n-------xx11yy22$\r\n", 501);
    }

    @Test
    void missingToPathIs400() throws IOException {
        assertResynchronises("MSRP xx11yy22 SEND\r\nFrom-Path: " + Frames.FROM + "\r\nMessage-ID: abcd\r\n"
                + "-------xx11yy22$\r\n", 400);
        assertResynchronises("MSRP xx11yy22 SEND\r\n-------xx11yy22$\r\n", 400);
        assertResynchronises("MSRP xx11yy22 SEND\r\nTo-Path: " + Frames.TO + "\r\n-------xx11yy22$\r\n", 400);
    }

    @Test
    void fromPathBeforeToPathIs400() throws IOException {
        assertResynchronises("MSRP xx11yy22 SEND\r\nFrom-Path: " + Frames.FROM + "\r\nTo-Path: " + Frames.TO
                + "\r\n-------xx11yy22$\r\n", 400);
    }

    @Test
    void badByteRangeIs400AndAnswerable() throws IOException {
        String wire = Frames.RFC_SEND.replace("a786hjs2", "zz99zz99").replace("1-25/25", "25-1/25");
        MsrpProtocolException e = failure(Frames.reader(wire, 64));
        assertEquals(400, e.status());
        assertTrue(e.isAnswerable());
        assertTrue(MsrpResponses.forError(e).isPresent());
        assertResynchronises(wire, 400);
    }

    @Test
    void overlongHeaderLineIs400AndRecoverable() throws IOException {
        String wire = Frames.RFC_SEND.replace("a786hjs2", "zz99zz99")
                .replace("Message-ID: 87652491", "X-Long: " + "x".repeat(5000));
        assertResynchronises(wire, 400);
    }

    @Test
    void headerBlockTooLargeClosesTheConnection() {
        StringBuilder sb = new StringBuilder("MSRP zz99zz99 SEND\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: "
                + Frames.FROM + "\r\n");
        for (int i = 0; i < 20; i++) {
            sb.append("X-Pad: ").append("p".repeat(2000)).append("\r\n");
        }
        MsrpCodecLimits limits = new MsrpCodecLimits(4096, 64, 16 * 1024, 16, Long.MAX_VALUE);
        MsrpFrameReader reader = new MsrpFrameReader(Frames.trickle(Frames.bytes(sb + "-------zz99zz99$\r\n"), 100),
                256, limits);
        MsrpProtocolException e = failure(reader);
        assertFalse(e.isRecoverable());
        assertEquals("zz99zz99", e.transactionId().orElseThrow());
    }

    @Test
    void tooManyHeadersIs400() throws IOException {
        StringBuilder sb = new StringBuilder("MSRP zz99zz99 SEND\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: "
                + Frames.FROM + "\r\n");
        for (int i = 0; i < 70; i++) {
            sb.append("X-H").append(i).append(": v\r\n");
        }
        assertResynchronises(sb + "-------zz99zz99$\r\n", 400);
    }

    @Test
    void tooManyPathUrisIs400() throws IOException {
        String path = (Frames.TO + " ").repeat(17).trim();
        assertResynchronises("MSRP zz99zz99 SEND\r\nTo-Path: " + path + "\r\nFrom-Path: " + Frames.FROM
                + "\r\n-------zz99zz99$\r\n", 400);
    }

    @Test
    void bodyWithoutContentTypeIs400() throws IOException {
        assertResynchronises(Frames.RFC_SEND.replace("a786hjs2", "zz99zz99").replace("Content-Type: text/plain\r\n", ""),
                400);
    }

    @Test
    void responseWithBodyIs400AndNotAnswerable() throws IOException {
        String wire = Frames.RFC_OK.replace("a786hjs2", "zz99zz99")
                .replace("-------", "Content-Type: text/plain\r\n\r\nhello\r\n-------");
        MsrpProtocolException e = failure(Frames.reader(wire, 64));
        assertFalse(e.isAnswerable());
        assertResynchronises(wire, 400);
    }

    @Test
    void headerWithoutSpaceAfterColonIs400() throws IOException {
        assertResynchronises(Frames.RFC_SEND.replace("a786hjs2", "zz99zz99").replace("Message-ID: ", "Message-ID:"),
                400);
    }

    @Test
    void bareLfInHeadersIs400() throws IOException {
        assertResynchronises(Frames.RFC_SEND.replace("a786hjs2", "zz99zz99")
                .replace("Message-ID: 87652491\r\n", "Message-ID: 87652491\n"), 400);
    }

    @Test
    void invalidUtf8InHeaderIs400() throws IOException {
        byte[] wire = Frames.bytes("MSRP zz99zz99 SEND\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: " + Frames.FROM
                + "\r\nX-Bad: \u00ff\u00ff\r\n-------zz99zz99$\r\n" + Frames.RFC_SEND);
        int at = Frames.text(wire).indexOf("X-Bad: ") + 7;
        wire[at] = (byte) 0xC3;
        wire[at + 1] = (byte) 0x28;
        MsrpFrameReader reader = new MsrpFrameReader(Frames.trickle(wire, 9), 9, MsrpCodecLimits.defaults());
        assertEquals(400, failure(reader).status());
        assertEquals("a786hjs2", reader.next().transactionId());
    }

    @Test
    void endLineForAnotherTransactionIs400() throws IOException {
        assertResynchronises("MSRP zz99zz99 SEND\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: " + Frames.FROM
                + "\r\n-------other11$\r\n-------zz99zz99$\r\n", 400);
    }

    @Test
    void chunkOverTheBodyLimitIs413AndRecoverable() throws IOException {
        MsrpFrameReader reader = new MsrpFrameReader(Frames.trickle(Frames.bytes(Frames.RFC_SEND + Frames.RFC_OK), 5),
                5, MsrpCodecLimits.defaults().withMaxBodyBytes(10));
        ReceivedFrame f = reader.next();
        MsrpProtocolException e = assertThrows(MsrpProtocolException.class, () -> Frames.readBody(f.body(), 4));
        assertEquals(413, e.status());
        assertTrue(e.isRecoverable());
        assertEquals(413, MsrpResponses.forError(e).orElseThrow().statusCode());
        assertEquals(200, reader.next().response().statusCode());
    }

    @Test
    void eofInsideHeadersIsFatal() {
        MsrpFrameReader reader = Frames.reader("MSRP zz99zz99 SEND\r\nTo-Pa", 4);
        assertThrows(java.io.EOFException.class, reader::next);
        assertTrue(reader.mustClose());
    }
}
