package org.sipdrop.negotiation.internal.sdp;

import java.util.Optional;

/**
 * The peer's {@code a=max-size} (RFC 4975 §8.6): the largest MSRP message it takes. A file is one
 * MSRP message (RFC 5547 §8.7: the octets of the negotiated file-range, wrapper included; this
 * side sends them unwrapped), and "File senders MUST NOT exceed the 'max-size' limit for any
 * message sent in the resulting session" (RFC 5547 §8.7), so a file larger than the limit is not
 * sent at all rather than cut.
 */
public final class MaxSize {

    private MaxSize() {
    }

    /**
     * @param octets the octets to send as one message
     * @param peer the peer's stream (its offer for a pull, its answer for a push)
     * @return why the message may not be sent, or empty when the peer takes it
     */
    public static Optional<String> exceededBy(long octets, FileStream peer) {
        if (peer.maxSize() < 0 || octets <= peer.maxSize()) {
            return Optional.empty();
        }
        return Optional.of("the peer takes at most " + peer.maxSize() + " octets (a=max-size, RFC 4975 §8.6,"
                + " RFC 5547 §8.7), the file to send has " + octets);
    }
}
