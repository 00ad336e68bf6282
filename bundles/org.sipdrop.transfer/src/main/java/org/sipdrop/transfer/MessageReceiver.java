package org.sipdrop.transfer;

import java.io.IOException;
import java.util.Objects;

/**
 * Optional ability of a session transport: receives one small message of a length only the
 * sender knows, e.g. an RFC 4483 content-indirection offer sent inside an MSRP session (RFC 4975
 * §7.1: the Byte-Range total tells the length). The request's offer and offset are not used.
 *
 * @since 0.2
 */
public interface MessageReceiver extends TransportSession {

    /** One whole message: its media type (e.g. {@code message/cpim}) and its bytes. */
    record Message(String contentType, byte[] body) {

        /** Fails fast on a missing type or body; the body is kept as given. */
        public Message {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(body, "body");
        }
    }

    /**
     * @param from the peer's endpoint
     * @param maxSize the largest message taken; a longer one is refused and fails here with
     *        {@link TransportException.Reason#TOO_LARGE}
     * @return the message, once whole
     */
    Message receiveMessage(TransportEndpoint from, int maxSize) throws IOException;
}
