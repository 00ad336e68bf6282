package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The body of a refused chunk is skipped by the next {@link MsrpFrameReader#next()} only as far as
 * its sender may still send after the refusal (RFC 4975 §10.5): the rest of its declared
 * range-end, plus bytes in flight. Past that the connection is given up.
 */
class RefusedBodyTest {

    private static final long GRACE = BodyReader.REFUSED_BODY_GRACE;

    @Test
    void refusedChunkWithADeclaredEndIsSkippedWhole() throws IOException {
        int length = (int) GRACE + 1_000_000; // longer than the grace: only its declared end covers it
        MsrpFrameReader reader = reader(send("tid00001", "1-" + length + "/" + length, length, '$') + send("tid00002", "1-1/1", 1, '$'));
        assertEquals("tid00001", reader.next().transactionId()); // refused: its body is not read
        assertEquals("tid00002", reader.next().transactionId(), "the connection stays in step");
    }

    @Test
    void refusedChunkOfUnknownEndIsSkippedWithinTheGrace() throws IOException {
        MsrpFrameReader reader = reader(send("tid00001", "1-*/*", (int) GRACE, '#') + send("tid00002", "1-1/1", 1, '$'));
        assertEquals("tid00001", reader.next().transactionId());
        assertEquals("tid00002", reader.next().transactionId());
    }

    @Test
    void refusedChunkOfUnknownEndThatGoesOnBeyondTheGraceBreaksTheConnection() throws IOException {
        MsrpFrameReader reader = reader(send("tid00001", "1-*/*", (int) GRACE + 1, '#'));
        assertEquals("tid00001", reader.next().transactionId());
        IOException e = assertThrows(IOException.class, reader::next);
        assertTrue(e.getMessage().contains("after it was refused"), e.getMessage());
        assertTrue(reader.mustClose());
    }

    private static String send(String tid, String range, int bodyLength, char flag) {
        return "MSRP " + tid + " SEND\r\nTo-Path: " + Frames.TO + "\r\nFrom-Path: " + Frames.FROM
                + "\r\nMessage-ID: msg00001\r\nByte-Range: " + range + "\r\nContent-Type: application/octet-stream\r\n\r\n"
                + "x".repeat(bodyLength) + "\r\n-------" + tid + flag + "\r\n";
    }

    private static MsrpFrameReader reader(String wire) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(wire.getBytes(StandardCharsets.US_ASCII));
        return new MsrpFrameReader(Channels.newChannel(new java.io.ByteArrayInputStream(b.toByteArray())), 16 * 1024,
                MsrpCodecLimits.defaults());
    }
}
