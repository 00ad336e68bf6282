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

import org.sipdrop.transfer.MessageReceiver;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transport.msrp.internal.codec.AcceptTypes;
import org.sipdrop.transport.msrp.internal.codec.CpimEnvelope;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.session.MsrpSession;

/**
 * One transfer over one MSRP session: the file from the request's offset to its end is one MSRP
 * message (so Byte-Ranges count from the offset, RFC 5547 §8 file-range); progress is reported
 * in file positions, earlier bytes included. Relays (RFC 4976) show in the endpoints' paths;
 * failures are {@link TransportException}s with the reason the MSRP layer found.
 */
final class MsrpTransportSession implements MessageReceiver {

    private final MsrpSession session;
    private final TransportRequest request;

    MsrpTransportSession(MsrpSession session, TransportRequest request) {
        this.session = session;
        this.request = request;
    }

    @Override
    public TransportEndpoint localEndpoint() {
        List<URI> path = new ArrayList<>();
        session.localPath().forEach(u -> path.add(URI.create(u.toString())));
        return TransportEndpoint.via(path);
    }

    @Override
    public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
        try {
            sendTo(to, source, progress);
        } catch (IOException e) {
            throw typed(e);
        }
    }

    private void sendTo(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
        takeSettledRole();
        long offset = request.offset();
        long length = request.offer().size() - offset;
        if (!CpimEnvelope.isCpim(request.get(TransportParameter.WRAP).orElse(null))) {
            checkMaxSize(length);
            session.send(parse(to), source, length, request.offer().mediaType(), n -> progress.accept(offset + n));
            return;
        }
        // RFC 5547 §8.7, RFC 4975 §8.6: the receiver takes the file's type only inside message/cpim;
        // the wrapper is part of the message, so the Byte-Range total counts it
        byte[] head = CpimEnvelope.head(request.peer(), request.offer().mediaType(), request.offer().name(), length);
        checkMaxSize(head.length + length);
        session.send(parse(to), new PrefixedChannel(head, source), head.length + length, CpimEnvelope.MEDIA_TYPE,
                n -> progress.accept(offset + Math.max(0, n - head.length)));
    }

    /**
     * @return {@code e} as a TransportException, keeping a reason found deeper in its causes; an
     *         exception without a message (a {@code ClosedChannelException} when the stack stops
     *         mid-chunk) still gets one a user can read
     */
    static TransportException typed(IOException e) {
        if (e instanceof TransportException) {
            return (TransportException) e;
        }
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            message = "The MSRP connection ended in the middle of the transfer (" + e.getClass().getSimpleName() + ")";
        }
        return new TransportException(TransportException.reasonOf(e), message, e);
    }

    /** RFC 4975 §8.6, RFC 5547 §8.7: never a message longer than the receiver's a=max-size. */
    private void checkMaxSize(long messageLength) throws IOException {
        Long max = request.get(TransportParameter.MAX_SIZE).orElse(null);
        if (max != null && messageLength > max) {
            throw new TransportException(TransportException.Reason.TOO_LARGE, "Not sent: the MSRP message would have " + messageLength + " octets, the receiver's"
                    + " a=max-size is " + max + " (RFC 5547 §8.7)");
        }
    }

    @Override
    public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
        takeSettledRole();
        long offset = request.offset();
        AcceptTypes accepted = AcceptTypes.parse(String.join(" ", request.get(TransportParameter.ACCEPT_TYPES).orElse(List.of())));
        try {
            session.receive(parse(from), sink, request.offer().size() - offset, accepted, n -> progress.accept(offset + n));
        } catch (IOException e) {
            throw typed(e);
        }
    }

    /**
     * One whole message of a length the sender alone knows (RFC 4975 §7.1.1: the first chunk's
     * Byte-Range total), e.g. an RFC 4483 offer in a plain message session; at most
     * {@code maxSize} bytes, a longer one is answered 413.
     */
    @Override
    public Message receiveMessage(TransportEndpoint from, int maxSize) throws IOException {
        if (maxSize < 0) {
            throw new IllegalArgumentException("maxSize must be 0 or more, was " + maxSize);
        }
        takeSettledRole();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String type;
        try {
            type = session.receiveUpTo(parse(from), Channels.newChannel(bytes), maxSize);
        } catch (IOException e) {
            throw typed(e);
        }
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

    private static List<MsrpUri> parse(TransportEndpoint endpoint) throws TransportException {
        List<MsrpUri> uris = new ArrayList<>(endpoint.path().size());
        try {
            endpoint.path().forEach(u -> uris.add(MsrpUri.parse(u.toString())));
        } catch (IllegalArgumentException e) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "Not an MSRP path: " + endpoint + " ("
                    + e.getMessage() + ")", e);
        }
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
