package org.sipdrop.transport.msrp.internal.net;

import java.io.IOException;

import org.sipdrop.transport.msrp.internal.codec.BodyReader;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;

/** What the session layer does with the requests of a connection and with its end. */
public interface ConnectionListener {

    /**
     * Handles one request on a worker thread. The body must be consumed or left to be skipped;
     * the response is the listener's to send (RFC 4975 §7.2).
     *
     * @param connection where it arrived
     * @param request start line and headers
     * @param body the chunk body, streamed from the socket
     */
    void onRequest(MsrpConnection connection, MsrpRequest request, BodyReader body) throws IOException;

    /**
     * A connection was set up (outgoing, or accepted and past its TLS handshake).
     *
     * @param connection the new connection
     */
    default void onOpened(MsrpConnection connection) {
    }

    /**
     * The connection is gone; sessions bound to it fail (RFC 4975 §5.4 graceful close or not).
     *
     * @param connection the closed connection
     * @param cause why, or null for a local, orderly close
     */
    void onClosed(MsrpConnection connection, IOException cause);
}
