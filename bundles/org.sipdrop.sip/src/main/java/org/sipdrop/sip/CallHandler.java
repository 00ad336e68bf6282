package org.sipdrop.sip;

import org.osgi.annotation.versioning.ConsumerType;

/** Told about events inside a call. Runs on a SIP stack thread: return quickly. */
@ConsumerType
public interface CallHandler {

    /** The peer sent a re-INVITE with a new offer; return the answer, or null to reject with 488. */
    default SipBody reinvited(Call call, SipBody offer) {
        return null;
    }

    /** The call ended (BYE from the peer, CANCEL, or a failure). */
    default void ended(Call call, String reason) {
    }
}
