package org.sipdrop.sip;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/** An INVITE dialog (RFC 3261 §12–15), placed or received. */
@ProviderType
public interface Call {

    String callId();

    /** @return the other party's URI */
    String peer();

    /**
     * @return for a placed call, the final response to the INVITE (the answer SDP is in its
     *         body); for a received call, completes when it is accepted or rejected
     */
    CompletableFuture<SipResponse> established();

    /** @return the peer's latest session description: the answer (placed) or the offer (received) */
    Optional<SipBody> remoteBody();

    /** Sends a re-INVITE with a new offer in the established dialog (RFC 3261 §14). */
    CompletableFuture<SipResponse> reinvite(SipBody offer);

    /** Ends the call: BYE once established, CANCEL while a placed call is still ringing. */
    void hangUp();

    /** @return completes when the dialog ends (BYE either way, rejection, cancel, failure) */
    CompletableFuture<Void> ended();
}
