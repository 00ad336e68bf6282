package org.sipdrop.transfer;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
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

    /** Ends the session; bytes in flight are abandoned and a peer in the middle is told. */
    @Override
    void close() throws IOException;
}
