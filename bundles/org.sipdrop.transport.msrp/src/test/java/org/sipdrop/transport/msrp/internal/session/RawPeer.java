package org.sipdrop.transport.msrp.internal.session;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.sipdrop.transport.msrp.internal.codec.BodySource;
import org.sipdrop.transport.msrp.internal.codec.ByteRange;
import org.sipdrop.transport.msrp.internal.codec.ContinuationFlag;
import org.sipdrop.transport.msrp.internal.codec.MsrpCodecLimits;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameReader;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameWriter;
import org.sipdrop.transport.msrp.internal.codec.MsrpHeaders;
import org.sipdrop.transport.msrp.internal.codec.MsrpMethod;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.ReceivedFrame;
import org.sipdrop.transport.msrp.internal.codec.SuccessReport;

/** A hand-driven MSRP peer over a blocking socket, to send exactly the frames a test needs. */
final class RawPeer implements AutoCloseable {

    final MsrpUri uri;
    private final Socket socket;
    private final OutputStream out;
    private final MsrpFrameWriter writer;
    private final MsrpFrameReader reader;

    RawPeer(int port, String sessionId) throws IOException {
        this.uri = MsrpUri.of(false, "127.0.0.1", 9, sessionId);
        this.socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        socket.setSoTimeout(5000);
        this.out = socket.getOutputStream();
        this.writer = new MsrpFrameWriter(out);
        this.reader = new MsrpFrameReader(socket.getInputStream(), 16 * 1024, MsrpCodecLimits.defaults());
    }

    /** Sends one chunk of a message; returns the transaction id. */
    String chunk(MsrpUri to, String messageId, ByteRange range, byte[] body, ContinuationFlag flag) throws IOException {
        MsrpHeaders h = MsrpHeaders.builder(List.of(to), List.of(uri)).messageId(messageId).byteRange(range)
                .successReport(SuccessReport.YES).contentType("application/octet-stream").build();
        return writer.writeRequest(new MsrpRequest(writer.newTransactionId(), MsrpMethod.SEND, h), BodySource.of(body), flag)
                .transactionId();
    }

    /** Sends a bodiless SEND; returns the transaction id. */
    String bodiless(MsrpUri to) throws IOException {
        MsrpHeaders h = MsrpHeaders.builder(List.of(to), List.of(uri)).messageId("bind1234").build();
        return writer.writeRequest(new MsrpRequest(writer.newTransactionId(), MsrpMethod.SEND, h)).transactionId();
    }

    /**
     * Writes {@code count} one-byte chunks for {@code to} with a single socket write, so they
     * reach the stack's buffer together.
     *
     * @return their transaction ids, in order
     */
    List<String> burst(MsrpUri to, int count) throws IOException {
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        MsrpFrameWriter w = new MsrpFrameWriter(wire);
        List<String> tids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            MsrpHeaders h = MsrpHeaders.builder(List.of(to), List.of(uri)).messageId("burst123")
                    .byteRange(ByteRange.ofChunk(i, 1, count)).contentType("application/octet-stream").build();
            tids.add(w.writeRequest(new MsrpRequest(w.newTransactionId(), MsrpMethod.SEND, h),
                    BodySource.of(new byte[] { (byte) i }), ContinuationFlag.MORE).transactionId());
        }
        out.write(wire.toByteArray());
        out.flush();
        return tids;
    }

    void raw(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** @return the next frame, body skipped */
    ReceivedFrame next() throws IOException {
        ReceivedFrame f = reader.next();
        if (f == null) {
            throw new IOException("connection closed");
        }
        f.body().skip();
        return f;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
