package org.sipdrop.transfer;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.function.LongConsumer;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One transfer's use of a transport. Bytes stream through channels: a session never holds a
 * whole file in memory. Optional abilities are interfaces a session may also implement:
 * {@link ExpiringSession} (a storage's granted lifetime) and {@link MessageReceiver} (a message
 * of unknown length). Failures are {@link TransportException}s with a reason.
 * <p>
 * The order of calls follows the provider's {@link Carriage}:
 * <ul>
 * <li>session: both peers open sessions and exchange their {@link #localEndpoint()}s in the offer
 * and answer; then the sender calls {@link #send} with the receiver's endpoint while the
 * receiver calls {@link #receive} with the sender's, at the same time;</li>
 * <li>storage: the sender opens a session and calls {@link #send} with its own
 * {@link #localEndpoint()} (where the file is stored, the URL that goes into the offer); later,
 * perhaps much later, the receiver opens a session and calls {@link #receive} with that URL.</li>
 * </ul>
 */
@ConsumerType
public interface TransportSession extends AutoCloseable {

    /**
     * @return this side's endpoint to advertise in the offer or answer (an MSRP path, a storage
     *         URL…), intermediaries included
     */
    TransportEndpoint localEndpoint();

    /**
     * Sends the bytes from the request's offset to the end of the file.
     *
     * @param to where the bytes go: the peer's endpoint (session carriage), or this session's own
     *        {@link #localEndpoint()} (storage carriage)
     * @param source positioned at the request's offset
     * @param progress told the count of bytes the receiver (or storage) has confirmed so far
     * @throws TransportException with the reason when the transfer fails
     */
    void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException;

    /**
     * Receives the bytes from the request's offset to the end of the file.
     *
     * @param from where the bytes come from: the peer's endpoint (session) or the offered URL (storage)
     * @param sink where the bytes go, in file order
     * @param progress told the count of bytes received so far
     * @throws TransportException with the reason when the transfer fails
     */
    void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException;

    /** Ends the session; bytes in flight are abandoned and a peer in the middle is told. */
    @Override
    void close() throws IOException;
}
