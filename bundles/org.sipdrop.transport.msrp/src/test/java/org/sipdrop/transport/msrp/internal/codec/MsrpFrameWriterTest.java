package org.sipdrop.transport.msrp.internal.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MsrpFrameWriterTest {

    private static Supplier<String> ids(String... ids) {
        Deque<String> queue = new ArrayDeque<>(List.of(ids));
        return queue::removeFirst;
    }

    private static MsrpRequest rfcSend(String tid) {
        MsrpHeaders h = MsrpHeaders.builder(List.of(MsrpUri.parse(Frames.TO)), List.of(MsrpUri.parse(Frames.FROM)))
                .messageId("87652491").byteRange(new ByteRange(1, 25, 25)).contentType("text/plain").build();
        return new MsrpRequest(tid, MsrpMethod.SEND, h);
    }

    @Test
    void formatsRfcSendByteForByte() throws IOException {
        Frames.Sink sink = new Frames.Sink();
        WriteResult r = new MsrpFrameWriter(sink, 16, ids()).writeRequest(rfcSend("a786hjs2"),
                BodySource.ofUtf8("Hey Bob, are you there?"), ContinuationFlag.COMPLETE);
        assertEquals(Frames.RFC_SEND, sink.text());
        assertEquals(new WriteResult("a786hjs2", 23, ContinuationFlag.COMPLETE, false), r);
    }

    @Test
    void formatsRfcResponseByteForByte() throws IOException {
        MsrpRequest send = Frames.reader(Frames.RFC_SEND, 64).next().request();
        Frames.Sink sink = new Frames.Sink();
        new MsrpFrameWriter(sink).writeResponse(MsrpResponses.ok(send));
        assertEquals(Frames.RFC_OK, sink.text());
    }

    @Test
    void writesContentTypeLastBeforeTheBody() throws IOException {
        MsrpHeaders h = MsrpHeaders.builder(List.of(MsrpUri.parse(Frames.TO)), List.of(MsrpUri.parse(Frames.FROM)))
                .contentType("text/plain").messageId("abcd1234").add("Content-Disposition", "inline").build();
        Frames.Sink sink = new Frames.Sink();
        new MsrpFrameWriter(sink).writeRequest(new MsrpRequest("tid12345", "SEND", h), BodySource.ofUtf8("x"),
                ContinuationFlag.COMPLETE);
        assertTrue(sink.text().contains("Content-Disposition: inline\r\nContent-Type: text/plain\r\n\r\nx\r\n"));
    }

    @Test
    void roundTripsEveryHeaderAndFlag() throws IOException {
        MsrpHeaders h = MsrpHeaders.builder(MsrpUri.parsePath("msrps://relay.example.com;tcp " + Frames.TO, 4),
                List.of(MsrpUri.parse("msrps://[2001:db8::1]:9/s+=/x;tcp"))).messageId("m.1-2+3%4=5")
                .byteRange(ByteRange.parse("7-*/*")).successReport(SuccessReport.YES).failureReport(FailureReport.NO)
                .add("Expires", "900").add("X-Ext", "kept: verbatim").contentType("application/octet-stream").build();
        for (ContinuationFlag flag : ContinuationFlag.values()) {
            Frames.Sink sink = new Frames.Sink();
            WriteResult w = new MsrpFrameWriter(sink).writeRequest(new MsrpRequest("Zq9.-+%=", "SEND", h),
                    BodySource.ofUtf8("payload"), flag);
            ReceivedFrame f = Frames.reader(sink.text(), 7).next();
            assertEquals(new MsrpRequest(w.transactionId(), "SEND", h), f.request());
            assertEquals("payload", Frames.text(Frames.readBody(f.body(), 3)));
            assertEquals(flag, f.body().flag());
        }
    }

    @Test
    void roundTripsReportAndResponses() throws IOException {
        MsrpRequest send = Frames.reader(Frames.RFC_SEND, 64).next().request();
        Frames.Sink sink = new Frames.Sink();
        MsrpFrameWriter writer = new MsrpFrameWriter(sink);
        int[] codes = {200, 400, 403, 408, 413, 415, 423, 481, 501, 506};
        for (int code : codes) {
            writer.writeResponse(MsrpResponses.of(send, code));
        }
        MsrpRequest report = MsrpReports.success(writer.newTransactionId(), send, send.headers().toPath().get(0), 25);
        writer.writeRequest(report);
        MsrpFrameReader reader = Frames.reader(sink.text(), 11);
        for (int code : codes) {
            MsrpResponse r = reader.next().response();
            assertEquals(code, r.statusCode());
            assertEquals(MsrpStatus.reason(code), r.comment());
        }
        assertEquals(report, reader.next().request());
        assertNull(reader.next());
    }

    @Test
    void inMemoryBodyContainingTheEndLineGetsAFreshTransactionId() throws IOException {
        String body = "look: -------a786hjs2$ and more";
        Frames.Sink sink = new Frames.Sink();
        WriteResult r = new MsrpFrameWriter(sink, 8, ids("fresh123")).writeRequest(rfcSend("a786hjs2"),
                BodySource.ofUtf8(body), ContinuationFlag.COMPLETE);
        assertEquals("fresh123", r.transactionId());
        assertFalse(r.interrupted());
        ReceivedFrame f = Frames.reader(sink.text(), 5).next();
        assertEquals("fresh123", f.transactionId());
        assertEquals(body, Frames.text(Frames.readBody(f.body(), 9)));
    }

    @Test
    void streamedBodyContainingTheEndLineIsInterruptedBeforeIt(@TempDir Path dir) throws IOException {
        String body = "0123456789-------a786hjs2$\r\ntail";
        Path file = Files.writeString(dir.resolve("f.txt"), body);
        Frames.Sink sink = new Frames.Sink();
        WriteResult r;
        try (FileChannel fc = FileChannel.open(file)) {
            r = new MsrpFrameWriter(sink, 3, ids()).writeRequest(rfcSend("a786hjs2"),
                    BodySource.ofFileRegion(fc, 0, body.length()), ContinuationFlag.COMPLETE);
        }
        assertTrue(r.interrupted());
        assertEquals(ContinuationFlag.MORE, r.flag());
        assertEquals(body.indexOf("$") - 1, r.bodyBytes());
        ReceivedFrame f = Frames.reader(sink.text(), 4).next();
        assertEquals(body.substring(0, (int) r.bodyBytes()), Frames.text(Frames.readBody(f.body(), 5)));
        assertEquals(ContinuationFlag.MORE, f.body().flag());
    }

    @Test
    void streamsFileRegionInBoundedPieces(@TempDir Path dir) throws IOException {
        byte[] content = new byte[10_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("data.bin"), content);
        Frames.Sink sink = new Frames.Sink();
        try (FileChannel fc = FileChannel.open(file)) {
            WriteResult r = new MsrpFrameWriter(sink, 512, TransactionIds.secureRandom()).writeRequest(
                    rfcSend("a786hjs2"), BodySource.ofFileRegion(fc, 1000, 5000), ContinuationFlag.MORE);
            assertEquals(5000, r.bodyBytes());
            assertEquals(0, fc.position());
        }
        assertTrue(sink.largestWrite <= 512, "largest write " + sink.largestWrite);
        ReceivedFrame f = new MsrpFrameReader(Channels.newChannel(new java.io.ByteArrayInputStream(
                sink.out.toByteArray())), 100, MsrpCodecLimits.defaults()).next();
        byte[] expected = new byte[5000];
        System.arraycopy(content, 1000, expected, 0, 5000);
        assertArrayEquals(expected, Frames.readBody(f.body(), 333));
        assertEquals(ContinuationFlag.MORE, f.body().flag());
    }

    /**
     * RFC 4975 §7.1: the last chunk of a message ends with '$'. A chunk is interrupted for waiting
     * traffic only while body bytes remain; interrupted after its last byte it would end '+' and
     * the sender, having sent every byte, would never send the '$' (the receiver waited out its
     * session timeout with the whole file, found by MsrpCutResumeTest through a shared relay
     * connection).
     */
    @Test
    void lastChunkEndsWithDollarEvenWhenOtherTrafficWaitsAfterItsLastByte(@TempDir Path dir) throws IOException {
        byte[] content = new byte[5000];
        new java.util.Random(4975).nextBytes(content);
        Path file = Files.write(dir.resolve("last.bin"), content);
        MsrpHeaders h = MsrpHeaders.builder(List.of(MsrpUri.parse(Frames.TO)), List.of(MsrpUri.parse(Frames.FROM)))
                .messageId("87652491").byteRange(new ByteRange(1, ByteRange.UNKNOWN, 5000))
                .contentType("application/octet-stream").build();
        Frames.Sink sink = new Frames.Sink();
        MsrpFrameWriter writer = new MsrpFrameWriter(sink, 8192, ids("a786hjs2"));
        writer.interruptWhen(() -> true); // a response is always waiting
        WriteResult r;
        try (FileChannel fc = FileChannel.open(file)) {
            r = writer.writeRequest(new MsrpRequest("a786hjs2", MsrpMethod.SEND, h), BodySource.ofFileRegion(fc, 0, 5000),
                    ContinuationFlag.COMPLETE);
        }
        assertEquals(5000, r.bodyBytes());
        assertFalse(r.interrupted());
        assertEquals(ContinuationFlag.COMPLETE, r.flag());
        ReceivedFrame f = new MsrpFrameReader(Channels.newChannel(new java.io.ByteArrayInputStream(
                sink.out.toByteArray())), 100, MsrpCodecLimits.defaults()).next();
        assertArrayEquals(content, Frames.readBody(f.body(), 333));
        assertEquals(ContinuationFlag.COMPLETE, f.body().flag());
    }

    @Test
    void failingSourceEndsTheChunkWithAbortFlag() throws IOException {
        ReadableByteChannel failing = new ReadableByteChannel() {
            private int calls;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (calls++ > 0) {
                    throw new IOException("disk gone");
                }
                dst.put((byte) 'a');
                return 1;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        Frames.Sink sink = new Frames.Sink();
        MsrpFrameWriter.BodySourceException e = assertThrows(MsrpFrameWriter.BodySourceException.class,
                () -> new MsrpFrameWriter(sink).writeRequest(rfcSend("a786hjs2"), BodySource.ofChannel(failing, 10),
                        ContinuationFlag.COMPLETE));
        assertEquals(1, e.bodyBytes());
        MsrpFrameReader reader = Frames.reader(sink.text() + Frames.RFC_OK, 6);
        ReceivedFrame f = reader.next();
        assertEquals("a", Frames.text(Frames.readBody(f.body(), 4)));
        assertEquals(ContinuationFlag.ABORTED, f.body().flag());
        assertEquals(200, reader.next().response().statusCode());
    }

    @Test
    void refusesBodyWithoutContentTypeAndContentTypeWithoutBody() {
        MsrpFrameWriter writer = new MsrpFrameWriter(new Frames.Sink());
        MsrpRequest bare = new MsrpRequest("abcd1234", "SEND", Frames.headers(Frames.TO, Frames.FROM));
        assertThrows(IllegalArgumentException.class,
                () -> writer.writeRequest(bare, BodySource.ofUtf8("x"), ContinuationFlag.COMPLETE));
        assertThrows(IllegalArgumentException.class, () -> writer.writeRequest(rfcSend("abcd1234")));
    }

    @Test
    void refusesToStreamNonSendBodies() {
        MsrpHeaders h = MsrpHeaders.builder(List.of(MsrpUri.parse(Frames.TO)), List.of(MsrpUri.parse(Frames.FROM)))
                .contentType("text/plain").build();
        assertThrows(IllegalArgumentException.class, () -> new MsrpFrameWriter(new Frames.Sink()).writeRequest(
                new MsrpRequest("abcd1234", "REPORT", h), BodySource.ofChannel(Channels.newChannel(
                        new java.io.ByteArrayInputStream(new byte[1])), 1), ContinuationFlag.COMPLETE));
    }

    @Test
    void transactionIdsAreAlphanumericWithAtLeast64BitsAndDistinct() {
        Supplier<String> ids = TransactionIds.secureRandom();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = ids.get();
            assertTrue(id.matches("[A-Za-z0-9]{16}"), id);
            assertTrue(Syntax.isIdent(id));
            assertTrue(seen.add(id));
        }
        assertTrue(TransactionIds.LENGTH * Math.log(62) / Math.log(2) >= 64);
        assertNotEquals(ids.get(), ids.get());
    }
}
