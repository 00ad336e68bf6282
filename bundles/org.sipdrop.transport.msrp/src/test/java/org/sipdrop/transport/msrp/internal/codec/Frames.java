package org.sipdrop.transport.msrp.internal.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;

/** Test vectors and helpers shared by the codec tests. */
final class Frames {

    /** The SEND of RFC 4975 §4 / §7.1, with CRLF line ends. */
    static final String RFC_SEND = "MSRP a786hjs2 SEND\r\n"
            + "To-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
            + "From-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
            + "Message-ID: 87652491\r\n"
            + "Byte-Range: 1-25/25\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "Hey Bob, are you there?\r\n"
            + "-------a786hjs2$\r\n";

    /** The 200 response to {@link #RFC_SEND} (RFC 4975 §4, §7.2). */
    static final String RFC_OK = "MSRP a786hjs2 200 OK\r\n"
            + "To-Path: msrp://atlanta.example.com:7654/jshA7weztas;tcp\r\n"
            + "From-Path: msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp\r\n"
            + "-------a786hjs2$\r\n";

    /** A REPORT in the style of RFC 4975 §7.1.2. */
    static final String RFC_REPORT = "MSRP dkei38sd REPORT\r\n"
            + "To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
            + "From-Path: msrp://bobpc.example.com:8888/9di4eae923wzd;tcp\r\n"
            + "Message-ID: 12345\r\n"
            + "Byte-Range: 1-25/25\r\n"
            + "Status: 000 200 OK\r\n"
            + "-------dkei38sd$\r\n";

    /** Two chunks of one message in the style of RFC 4975 §7.1 (Byte-Range 1-7/14, 8-14/14). */
    static final String RFC_CHUNKS = "MSRP dkei38sd SEND\r\n"
            + "To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
            + "From-Path: msrp://bobpc.example.com:8888/9di4eae923wzd;tcp\r\n"
            + "Message-ID: 4564dpWd\r\n"
            + "Byte-Range: 1-7/14\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "abcdefg\r\n"
            + "-------dkei38sd+\r\n"
            + "MSRP dkei38ia SEND\r\n"
            + "To-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
            + "From-Path: msrp://bobpc.example.com:8888/9di4eae923wzd;tcp\r\n"
            + "Message-ID: 4564dpWd\r\n"
            + "Byte-Range: 8-14/14\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "hijklmn\r\n"
            + "-------dkei38ia$\r\n";

    static final String TO = "msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp";
    static final String FROM = "msrp://atlanta.example.com:7654/jshA7weztas;tcp";

    private Frames() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A channel over {@code data} that returns at most {@code perRead} bytes per read, like TCP. */
    static ReadableByteChannel trickle(byte[] data, int perRead) {
        ReadableByteChannel whole = Channels.newChannel(new java.io.ByteArrayInputStream(data));
        return new ReadableByteChannel() {
            @Override
            public int read(ByteBuffer dst) throws IOException {
                ByteBuffer view = dst.slice();
                view.limit(Math.min(view.limit(), perRead));
                int n = whole.read(view);
                if (n > 0) {
                    dst.position(dst.position() + n);
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
    }

    static MsrpFrameReader reader(String wire, int bufferSize) {
        return new MsrpFrameReader(trickle(bytes(wire), Math.max(1, bufferSize / 2 + 1)), bufferSize,
                MsrpCodecLimits.defaults());
    }

    static byte[] readBody(BodyReader body, int dstSize) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer dst = ByteBuffer.allocate(dstSize);
        while (body.read(dst) >= 0) {
            dst.flip();
            out.write(dst.array(), 0, dst.limit());
            dst.clear();
        }
        return out.toByteArray();
    }

    static MsrpHeaders headers(String to, String from) {
        return MsrpHeaders.builder(java.util.List.of(MsrpUri.parse(to)), java.util.List.of(MsrpUri.parse(from)))
                .build();
    }

    /** Collects what a writer writes, recording the largest single write. */
    static final class Sink implements WritableByteChannel {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int largestWrite;

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            largestWrite = Math.max(largestWrite, n);
            byte[] b = new byte[n];
            src.get(b);
            out.write(b, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        String text() {
            return Frames.text(out.toByteArray());
        }
    }
}
