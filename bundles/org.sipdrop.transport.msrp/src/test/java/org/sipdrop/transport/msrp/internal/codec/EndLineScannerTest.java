package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

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

    /** Fragments of end-lines and their near misses, for bodies that keep the scanners busy. */
    private static final String[] PIECES = { "\r\n-------", "\r\n------", "-------", "a786hjs2", "a786hjs", "$", "+",
            "#", "\r\n", "\r", "\n", "-", "x", "\r\n-------a786hjs2$x", "\r\n-------a786hjs2\r\n" };

    private static String lookAlikeBody(Random random, int pieces) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    /** RFC 4975 §7.1: the body ends where the first whole end-line starts, not at any look-alike. */
    @Test
    void blockScanEndsTheBodyExactlyAtTheFirstEndLineForAnyBufferAndReadSize() throws IOException {
        Random random = new Random(4975);
        int checked = 0;
        while (checked < 300) {
            String body = lookAlikeBody(random, 1 + random.nextInt(60));
            String tail = "\r\n-------a786hjs2$\r\n";
            if (endsEarly(body + tail, body.length())) {
                continue; // the sender would never send this body with this id
            }
            String wire = Frames.RFC_SEND.replace("Hey Bob, are you there?\r\n-------a786hjs2$\r\n", body + tail);
            int buffer = 1 + random.nextInt(96);
            int perRead = 1 + random.nextInt(buffer);
            MsrpFrameReader reader = new MsrpFrameReader(Frames.trickle(Frames.bytes(wire), perRead), buffer,
                    MsrpCodecLimits.defaults(), random.nextBoolean());
            ReceivedFrame f = reader.next();
            assertEquals(body, Frames.text(Frames.readBody(f.body(), 1 + random.nextInt(50))),
                    "buffer " + buffer + ", reads of " + perRead);
            assertEquals(ContinuationFlag.COMPLETE, f.body().flag());
            checked++;
        }
    }

    /** @return true if a whole end-line for a786hjs2 starts in {@code wire} before {@code end} */
    private static boolean endsEarly(String wire, int end) {
        for (int i = wire.indexOf("\r\n-------a786hjs2"); i >= 0 && i < end; i = wire.indexOf("\r\n-------a786hjs2", i + 1)) {
            int f = i + "\r\n-------a786hjs2".length();
            if (f + 2 < wire.length() && "$+#".indexOf(wire.charAt(f)) >= 0 && wire.startsWith("\r\n", f + 1)) {
                return true;
            }
        }
        return false;
    }

    /** RFC 4975 §7.1: the sender's guard stops at the first {@code -------tid}, however the body is cut. */
    @Test
    void senderGuardFindsFirstOccurrenceWhereverPiecesAreCut() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            String body = lookAlikeBody(random, 1 + random.nextInt(80));
            byte[] bytes = Frames.bytes(body);
            int first = body.indexOf("-------a786hjs2");
            int expected = first < 0 ? -1 : first + "-------a786hjs2".length() - 1;
            for (int cut = 0; cut <= bytes.length; cut++) {
                assertEquals(expected, scanInPieces(bytes, cut, 0), body + " cut at " + cut);
            }
            assertEquals(expected, scanInPieces(bytes, -1, random.nextLong()), body);
        }
    }

    /** Scans in two pieces cut at {@code cut}, or (cut -1) in random pieces. */
    private static int scanInPieces(byte[] bytes, int cut, long seed) {
        Random random = new Random(seed);
        EndLineGuard guard = new EndLineGuard("a786hjs2");
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int found = -1;
        for (int from = 0; from < bytes.length && found < 0;) {
            int to = cut > from ? cut
                    : cut >= 0 ? bytes.length
                    : Math.min(bytes.length, from + 1 + random.nextInt(random.nextBoolean() ? 8 : 120));
            found = guard.scan(buffer, from, to);
            from = to;
        }
        return found;
    }
}
