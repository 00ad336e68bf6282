package org.sipdrop.sip;

import org.osgi.annotation.versioning.ProviderType;

/** A received INVITE, to be answered once: accept with an SDP answer or reject with a status. */
@ProviderType
public interface IncomingCall extends Call {

    /** @return the INVITE as received, with the offer in its body */
    IncomingRequest request();

    /** Sends 180 Ringing. */
    void ringing();

    /** Sends 200 OK with the answer; {@link #established()} completes when the ACK arrives. */
    void accept(SipBody answer);

    /** Rejects with e.g. 603 Decline or 488 Not Acceptable Here and a reason phrase. */
    void reject(SipStatus status);

    /** Handles re-INVITEs of this dialog: offer in, answer (or a rejection) out. */
    void onReinvite(CallHandler handler);
}
