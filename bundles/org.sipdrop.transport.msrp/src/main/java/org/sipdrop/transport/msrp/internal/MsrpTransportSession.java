package org.sipdrop.transport.msrp.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;
import org.sipdrop.transport.msrp.internal.codec.AcceptTypes;
import org.sipdrop.transport.msrp.internal.codec.CpimEnvelope;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.session.MsrpSession;

/**
 * One transfer over one MSRP session: the file from the request's offset to its end is one MSRP
 * message (so Byte-Ranges count from the offset, RFC 5547 §8 file-range); progress is reported
 * in file positions, earlier bytes included.
 */
final class MsrpTransportSession implements TransportSession {

    private final MsrpSession session;
    private final TransportRequest request;

    MsrpTransportSession(MsrpSession session, TransportRequest request) {
        this.session = session;
        this.request = request;
    }

    @Override
    public URI localEndpoint() {
        return URI.create(session.localUri().toString());
    }

    @Override
    public List<URI> localPath() {
        List<URI> path = new ArrayList<>();
        session.localPath().forEach(u -> path.add(URI.create(u.toString())));
        return path;
    }

    @Override
    public void send(URI remote, ReadableByteChannel source, LongConsumer progress) throws IOException {
        send(List.of(remote), source, progress);
    }

    @Override
    public void send(List<URI> remotePath, ReadableByteChannel source, LongConsumer progress) throws IOException {
        takeSettledRole();
        long offset = request.offset();
        long length = request.offer().size() - offset;
        if (!CpimEnvelope.isCpim(request.parameters().get(MsrpTransportProvider.WRAP_PARAMETER))) {
            checkMaxSize(length);
            session.send(parse(remotePath), source, length, request.offer().mediaType(), n -> progress.accept(offset + n));
            return;
        }
        // RFC 5547 §8.7, RFC 4975 §8.6: the receiver takes the file's type only inside message/cpim;
        // the wrapper is part of the message, so the Byte-Range total counts it
        byte[] head = CpimEnvelope.head(request.peer(), request.offer().mediaType(), request.offer().name(), length);
        checkMaxSize(head.length + length);
        session.send(parse(remotePath), new PrefixedChannel(head, source), head.length + length, CpimEnvelope.MEDIA_TYPE,
                n -> progress.accept(offset + Math.max(0, n - head.length)));
    }

    /** RFC 4975 §8.6, RFC 5547 §8.7: never a message longer than the receiver's a=max-size. */
    private void checkMaxSize(long messageLength) throws IOException {
        String max = request.parameters().get(MsrpTransportProvider.MAX_SIZE_PARAMETER);
        if (max != null && messageLength > Long.parseLong(max)) {
            throw new IOException("Not sent: the MSRP message would have " + messageLength + " octets, the receiver's"
                    + " a=max-size is " + max + " (RFC 5547 §8.7)");
        }
    }

    @Override
    public void receive(URI remote, WritableByteChannel sink, LongConsumer progress) throws IOException {
        receive(List.of(remote), sink, progress);
    }

    @Override
    public void receive(List<URI> remotePath, WritableByteChannel sink, LongConsumer progress) throws IOException {
        takeSettledRole();
        long offset = request.offset();
        AcceptTypes accepted = AcceptTypes.parse(request.parameters().get(MsrpTransportProvider.ACCEPT_TYPES_PARAMETER));
        session.receive(parse(remotePath), sink, request.offer().size() - offset, accepted, n -> progress.accept(offset + n));
    }

    /**
     * One whole message of a length the sender alone knows (RFC 4975 §7.1.1: the first chunk's
     * Byte-Range total), e.g. an RFC 4483 offer in a plain message session; at most
     * {@code maxSize} bytes, a longer one is answered 413.
     */
    @Override
    public Message receiveMessage(List<URI> remotePath, int maxSize) throws IOException {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be 0 or more, was " + maxSize);
        }
        takeSettledRole();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String type = session.receiveUpTo(parse(remotePath), Channels.newChannel(bytes), maxSize);
        return new Message(type, bytes.toByteArray());
    }

    /**
     * An offerer's session opens waiting ({@code setup=actpass}); when the answer settled that
     * this side connects ({@link TransportRequest#settle}, RFC 6135 §4.2.2), it does.
     */
    private void takeSettledRole() {
        if (MsrpTransportProvider.isActive(request)) {
            session.becomeActive();
        }
    }

    private static List<MsrpUri> parse(List<URI> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("The peer's MSRP path is empty");
        }
        List<MsrpUri> uris = new ArrayList<>(path.size());
        path.forEach(u -> uris.add(MsrpUri.parse(u.toString())));
        return uris;
    }

    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return session.toString();
    }
}
