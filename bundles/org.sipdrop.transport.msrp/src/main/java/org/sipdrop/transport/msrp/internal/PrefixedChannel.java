package org.sipdrop.transport.msrp.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * A few octets in memory, then a channel: the message/cpim wrapper's headers in front of the
 * file they wrap (RFC 5547 §8.7). Read in order once; the file channel stays its owner's.
 */
final class PrefixedChannel implements ReadableByteChannel {

    private final ByteBuffer prefix;
    private final ReadableByteChannel rest;

    PrefixedChannel(byte[] prefix, ReadableByteChannel rest) {
        this.prefix = ByteBuffer.wrap(prefix.clone());
        this.rest = rest;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (prefix.hasRemaining()) {
            int n = Math.min(prefix.remaining(), dst.remaining());
            ByteBuffer part = prefix.slice();
            part.limit(n);
            dst.put(part);
            prefix.position(prefix.position() + n);
            return n;
        }
        return rest.read(dst);
    }

    @Override
    public boolean isOpen() {
        return rest.isOpen();
    }

    @Override
    public void close() {
        // the file channel is its owner's
    }
}
