package org.sipdrop.transport.mqtt.internal;

import java.nio.charset.StandardCharsets;

import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

/**
 * The peer gave the transfer up: the payload of an {@code abort} message, UTF-8
 * {@code <REASON> <text>}, where REASON names a {@link Reason}. The text is the peer's and is shown
 * cut to 200 characters, without control characters.
 */
final class PeerAbort extends Exception {

    private static final long serialVersionUID = 1L;

    private PeerAbort(String message) {
        super(message);
    }

    /** @return the failure the local side ends with: the peer's reason, CANCELLED when it names none */
    static TransportException parse(String peer, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", " ");
        int space = text.indexOf(' ');
        String head = space < 0 ? text : text.substring(0, space);
        String why = space < 0 ? "" : text.substring(space + 1).strip();
        Reason reason = Reason.CANCELLED;
        for (Reason r : Reason.values()) {
            if (r.name().equals(head)) {
                reason = r;
            }
        }
        if (why.length() > 200) {
            why = why.substring(0, 200) + "…";
        }
        String message = peer + " ended the MQTT transfer" + (why.isEmpty() ? "" : ": " + why);
        return new TransportException(reason, message, new PeerAbort(message));
    }
}
