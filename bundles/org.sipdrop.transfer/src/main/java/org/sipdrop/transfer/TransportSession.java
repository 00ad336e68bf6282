package org.sipdrop.transfer;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One transfer's use of a transport. Bytes stream through channels: a session never holds a
 * whole file in memory.
 */
@ConsumerType
public interface TransportSession extends AutoCloseable {

    /** @return this side's endpoint to advertise in the offer or answer (an MSRP path, a URL…) */
    URI localEndpoint();

    /**
     * Sends the bytes from the request's offset to the end of the file.
     *
     * @param remote the peer's endpoint from the answer or offer
     * @param source positioned at the request's offset
     * @param progress told the count of bytes the receiver has confirmed so far
     */
    void send(URI remote, ReadableByteChannel source, LongConsumer progress) throws IOException;

    /**
     * Receives the bytes from the request's offset to the end of the file.
     *
     * @param remote the peer's endpoint from the offer or answer
     * @param sink where the bytes go, in file order
     * @param progress told the count of bytes received so far
     */
    void receive(URI remote, WritableByteChannel sink, LongConsumer progress) throws IOException;

    /**
     * The whole local path when the endpoint is reached through intermediaries, e.g. an MSRP
     * relay's Use-Path followed by the local URI (RFC 4976 §5; SDP {@code a=path} of RFC 4975
     * §8.1). Transports without intermediaries keep the default.
     *
     * @return the hops to advertise, this side's own endpoint last
     * @since 0.1 (added with the MSRP transport; default keeps existing providers compiling)
     */
    default List<URI> localPath() {
        return List.of(localEndpoint());
    }

    /**
     * {@link #send(URI, ReadableByteChannel, LongConsumer)} towards a peer reached through
     * intermediaries: the peer's whole advertised path, its own endpoint last. The default sends
     * to the last hop; a transport with relays (MSRP) overrides it.
     */
    default void send(List<URI> remotePath, ReadableByteChannel source, LongConsumer progress) throws IOException {
        send(remotePath.get(remotePath.size() - 1), source, progress);
    }

    /**
     * {@link #receive(URI, WritableByteChannel, LongConsumer)} from a peer reached through
     * intermediaries: the peer's whole advertised path, its own endpoint last.
     */
    default void receive(List<URI> remotePath, WritableByteChannel sink, LongConsumer progress) throws IOException {
        receive(remotePath.get(remotePath.size() - 1), sink, progress);
    }

    /**
     * One whole message received in a session whose length the receiver did not know in
     * advance: its media type (e.g. {@code message/cpim}) and its bytes.
     *
     * @param contentType the message's Content-Type, as the sender gave it
     * @param body the message's bytes
     */
    record Message(String contentType, byte[] body) {

        /** Fails fast on a missing type or body; the body is kept as given. */
        public Message {
            java.util.Objects.requireNonNull(contentType, "contentType");
            java.util.Objects.requireNonNull(body, "body");
        }
    }

    /**
     * Receives one small message of a length the sender alone knows, e.g. an RFC 4483
     * content-indirection offer sent inside an MSRP session (RFC 4975 §7.1: the Byte-Range total
     * tells the length). The request's offer and offset are not used. A transport that only moves
     * negotiated files keeps the default, which refuses.
     *
     * @param remotePath the peer's whole advertised path, its own endpoint last
     * @param maxSize the largest message taken; a longer one is refused (MSRP 413) and fails here
     * @return the message, once whole
     * @throws IOException when the message does not come, is too large or the session breaks
     * @since 0.1 (added for MSRP with content indirection; the default keeps other providers compiling)
     */
    default Message receiveMessage(List<URI> remotePath, int maxSize) throws IOException {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " carries negotiated files only, not a message of unknown length");
    }

    /**
     * When what this session made available stops being available, as granted by the far end: for
     * a storage, the lifetime it granted to the upload, which may be shorter than the one asked
     * (it goes into the offer as the RFC 4483 §5 {@code expiration}). Meaningful after a
     * successful {@link #send}.
     *
     * @return empty when unknown, unlimited, or not applicable (the default)
     * @since 0.1 (added with the storage's granted expiry; default keeps existing providers compiling)
     */
    default Optional<Instant> expiry() {
        return Optional.empty();
    }

    /** Ends the session; bytes in flight are abandoned and a peer in the middle is told. */
    @Override
    void close() throws IOException;
}
