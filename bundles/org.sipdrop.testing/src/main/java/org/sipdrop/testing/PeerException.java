package org.sipdrop.testing;

/** A peer could not be started, probed or stopped; the message says why and where its log is. */
public class PeerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PeerException(String message) {
        super(message);
    }

    public PeerException(String message, Throwable cause) {
        super(message, cause);
    }
}
