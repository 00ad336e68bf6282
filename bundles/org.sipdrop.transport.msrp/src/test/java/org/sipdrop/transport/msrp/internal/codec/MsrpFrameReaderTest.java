package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MsrpFrameReaderTest {

    @Test
    void readsRfcSendAndItsHeaders() throws IOException {
        MsrpFrameReader reader = Frames.reader(Frames.RFC_SEND, 4096);
        ReceivedFrame f = reader.next();
        MsrpRequest send = f.request();
        assertEquals("a786hjs2", send.transactionId());
        assertEquals(MsrpMethod.SEND, send.method());
        assertEquals(Frames.TO, send.headers().toPath().get(0).toString());
        assertEquals(Frames.FROM, send.headers().fromPath().get(0).toString());
        assertEquals("87652491", send.headers().messageId().orElseThrow());
        assertEquals(new ByteRange(1, 25, 25), send.headers().byteRange().orElseThrow());
        assertEquals("text/plain", send.headers().contentType().orElseThrow());
        assertEquals("Hey Bob, are you there?", Frames.text(Frames.readBody(f.body(), 64)));
        assertEquals(ContinuationFlag.COMPLETE, f.body().flag());
        assertNull(reader.next());
    }

    @Test
    void readsResponseWithoutBody() throws IOException {
        ReceivedFrame f = Frames.reader(Frames.RFC_OK, 64).next();
        MsrpResponse ok = f.response();
        assertEquals(200, ok.statusCode());
        assertEquals("OK", ok.reason().orElseThrow());
        assertTrue(f.body().isFinished());
        assertEquals(-1, f.body().read(ByteBuffer.allocate(8)));
        assertEquals(ContinuationFlag.COMPLETE, f.body().flag());
    }

    @Test
    void readsReportWithStatusHeader() throws IOException {
        MsrpRequest report = Frames.reader(Frames.RFC_REPORT, 64).next().request();
        assertEquals(MsrpMethod.REPORT, report.method());
        assertEquals(new StatusHeader(0, 200, "OK"), report.headers().status().orElseThrow());
    }

    @Test
    void readsConsecutiveChunksWithTheirContinuationFlags() throws IOException {
        MsrpFrameReader reader = Frames.reader(Frames.RFC_CHUNKS, 4096);
        ReceivedFrame first = reader.next();
        assertEquals("abcdefg", Frames.text(Frames.readBody(first.body(), 3)));
        assertEquals(ContinuationFlag.MORE, first.body().flag());
        ReceivedFrame second = reader.next();
        assertEquals("dkei38ia", second.transactionId());
        assertEquals("hijklmn", Frames.text(Frames.readBody(second.body(), 100)));
        assertEquals(ContinuationFlag.COMPLETE, second.body().flag());
        assertNull(reader.next());
    }

    @Test
    void readsAbortFlag() throws IOException {
        ReceivedFrame f = Frames.reader(Frames.RFC_SEND.replace("a786hjs2$", "a786hjs2#"), 32).next();
        Frames.readBody(f.body(), 5);
        assertEquals(ContinuationFlag.ABORTED, f.body().flag());
    }

    @Test
    void findsEndLineStraddlingEveryBufferBoundary() throws IOException {
        String wire = Frames.RFC_CHUNKS + Frames.RFC_SEND + Frames.RFC_OK;
        for (int size = 1; size <= 17; size++) {
            for (int dst = 1; dst <= 5; dst += 4) {
                MsrpFrameReader reader = Frames.reader(wire, size);
                assertEquals("abcdefg", Frames.text(Frames.readBody(reader.next().body(), dst)), "buffer " + size);
                ReceivedFrame second = reader.next();
                assertEquals("hijklmn", Frames.text(Frames.readBody(second.body(), dst)), "buffer " + size);
                assertEquals(ContinuationFlag.COMPLETE, second.body().flag());
                assertEquals("Hey Bob, are you there?", Frames.text(Frames.readBody(reader.next().body(), dst)));
                assertEquals(200, reader.next().response().statusCode());
                assertNull(reader.next(), "buffer " + size);
            }
        }
    }

    @Test
    void bodyMayContainEndLineLookAlikes() throws IOException {
        String body = "-------\r\n-------a786hjs2\r\n-------a786hjs2X\r\n\r\n-------a786hjs2$x\r\n-------a786hjs\r\n"
                + "-------other$\r\n---------a786hjs2\r\r\n-------a786hjs2+-\r\n\r\n\r\n";
        String wire = Frames.RFC_SEND.replace("Hey Bob, are you there?", body);
        for (int size = 1; size <= 17; size++) {
            ReceivedFrame f = Frames.reader(wire, size).next();
            assertEquals(body, Frames.text(Frames.readBody(f.body(), 7)), "buffer " + size);
            assertEquals(ContinuationFlag.COMPLETE, f.body().flag());
        }
    }

    @Test
    void emptyBodyEndsAtOnce() throws IOException {
        ReceivedFrame f = Frames.reader(Frames.RFC_SEND.replace("Hey Bob, are you there?\r\n", "\r\n"), 5).next();
        assertEquals(0, Frames.readBody(f.body(), 4).length);
        assertEquals(ContinuationFlag.COMPLETE, f.body().flag());
    }

    @Test
    void bodyEndingInCrIsKept() throws IOException {
        String wire = Frames.RFC_SEND.replace("Hey Bob, are you there?", "line\r\nend\r");
        assertEquals("line\r\nend\r", Frames.text(Frames.readBody(Frames.reader(wire, 3).next().body(), 2)));
    }

    @Test
    void copiesBodyToFileAtByteRangeOffset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("message.part");
        try (FileChannel fc = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            MsrpFrameReader reader = Frames.reader(Frames.RFC_CHUNKS, 6);
            for (ReceivedFrame f = reader.next(); f != null; f = reader.next()) {
                long offset = f.request().headers().byteRange().orElseThrow().offset();
                f.body().transferTo(fc, offset);
            }
        }
        assertEquals("abcdefghijklmn", Files.readString(file));
    }

    @Test
    void unreadBodyIsSkippedByNext() throws IOException {
        MsrpFrameReader reader = Frames.reader(Frames.RFC_CHUNKS, 8);
        reader.next();
        assertEquals("dkei38ia", reader.next().transactionId());
    }

    @Test
    void readsFromInputStream() throws IOException {
        MsrpFrameReader reader = new MsrpFrameReader(new ByteArrayInputStream(Frames.bytes(Frames.RFC_SEND)), 13,
                MsrpCodecLimits.defaults());
        assertEquals("Hey Bob, are you there?", Frames.text(Frames.readBody(reader.next().body(), 4)));
    }

    @Test
    void keepsExtensionHeadersVerbatimAndInOrder() throws IOException {
        String wire = Frames.RFC_SEND.replace("Message-ID: 87652491\r\n",
                "X-Zeta: 1\r\nMessage-ID: 87652491\r\nContent-Disposition: attachment; filename=\"a b.txt\"\r\n");
        MsrpHeaders h = Frames.reader(wire, 64).next().frame().headers();
        assertEquals("X-Zeta", h.fields().get(0).name());
        assertEquals("attachment; filename=\"a b.txt\"", h.first("Content-Disposition").orElseThrow());
    }

    @Test
    void acceptsUtf8InResponseComment() throws IOException {
        String wire = Frames.RFC_OK.replace("200 OK", "403 Verboten – nö");
        assertEquals("Verboten – nö", Frames.reader(wire, 7).next().response().comment());
    }

    @Test
    void readsAuthRequest() throws IOException {
        String wire = "MSRP 49fh AUTH\r\nTo-Path: msrps://alice@intra.example.com;tcp\r\n"
                + "From-Path: msrps://alice.example.com:9892/98cjs;tcp\r\n-------49fh$\r\n";
        MsrpRequest auth = Frames.reader(wire, 16).next().request();
        assertEquals(MsrpMethod.AUTH, auth.method());
        assertTrue(auth.isKnownMethod());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 1024})
    void transfersBodyInSlicesNoLargerThanTheBuffer(int size) throws IOException {
        ReceivedFrame f = Frames.reader(Frames.RFC_SEND, size).next();
        for (ByteBuffer s = f.body().nextSlice(1000); s != null; s = f.body().nextSlice(1000)) {
            assertTrue(s.remaining() >= 1 && s.remaining() <= Math.max(size, 40));
            assertTrue(s.isReadOnly());
        }
        assertEquals(23, f.body().bytesRead());
        assertFalse(f.body().isOpen());
    }

    @Test
    void eofInsideBodyIsReported() throws IOException {
        String wire = Frames.RFC_SEND.substring(0, Frames.RFC_SEND.length() - 5);
        MsrpFrameReader reader = Frames.reader(wire, 8);
        ReceivedFrame f = reader.next();
        assertThrows(java.io.EOFException.class, () -> Frames.readBody(f.body(), 8));
    }

    @Test
    void flagIsUnknownBeforeTheEndLine() throws IOException {
        ReceivedFrame f = Frames.reader(Frames.RFC_SEND, 8).next();
        assertThrows(IllegalStateException.class, () -> f.body().flag());
    }
}
