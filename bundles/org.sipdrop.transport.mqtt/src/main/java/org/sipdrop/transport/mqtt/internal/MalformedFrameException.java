package org.sipdrop.transport.mqtt.internal;

/**
 * A payload on a transfer topic is not a well-formed frame. The receiver aborts the transfer
 * (status 400, the message as reason) rather than guessing.
 */
public final class MalformedFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}
