package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class EndLineScannerTest {

    /** Feeds {@code input}; returns the released body bytes up to the end-line, or null if none. */
    private static String scan(EndLineScanner s, String input) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte b : Frames.bytes(input)) {
            if (s.feed(b)) {
                return Frames.text(body.toByteArray());
            }
            body.write(s.released(), 0, s.releasedLength());
        }
        return null;
    }

    @Test
    void releasesHeldBackBytesOnMismatch() {
        EndLineScanner s = new EndLineScanner("abcd");
        assertEquals("x\r\n---y\r\n-------abc\r\n-------abcd", scan(s, "x\r\n---y\r\n-------abc\r\n-------abcd\r\n"
                + "-------abcd$\r\n"));
        assertEquals(ContinuationFlag.COMPLETE, s.flag());
    }

    @Test
    void overlappingPrefixesAreNotLost() {
        EndLineScanner s = new EndLineScanner("abcd");
        assertEquals("\r\r\n\r\n-------abcd+x", scan(s, "\r\r\n\r\n-------abcd+x\r\n-------abcd+\r\n"));
        assertEquals(ContinuationFlag.MORE, s.flag());
    }

    @Test
    void lineStartSeedDoesNotReleaseTheVirtualCrlf() {
        EndLineScanner s = new EndLineScanner("abcd");
        s.startAfterLineBreak();
        assertFalse(s.idle());
        assertEquals("X-Foo: 1", scan(s, "X-Foo: 1\r\n-------abcd#\r\n"));
        EndLineScanner t = new EndLineScanner("abcd");
        t.startAfterLineBreak();
        assertEquals("", scan(t, "-------abcd$\r\n"));
    }

    @Test
    void senderGuardFindsPatternAcrossPieces() {
        EndLineGuard g = new EndLineGuard("abcd");
        ByteBuffer first = ByteBuffer.wrap(Frames.bytes("xx------"));
        assertEquals(-1, g.scan(first, 0, first.limit()));
        ByteBuffer second = ByteBuffer.wrap(Frames.bytes("-abcd!"));
        assertEquals(4, g.scan(second, 0, second.limit()));
        assertTrue(EndLineGuard.occursIn(Frames.bytes("--------abcd"), "abcd"));
        assertFalse(EndLineGuard.occursIn(Frames.bytes("------abcd -------abc"), "abcd"));
    }
}
