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

    /**
     * Ends the call saying why: the BYE carries {@code Reason: SIP ;cause=… ;text="…"}
     * (RFC 3326 §2), e.g. the outcome of a session's work that the peer waits for. Before the
     * call is established it is {@link #hangUp()}.
     *
     * @since 0.1 (added for file-transfer verdicts)
     */
    void hangUp(SipReason reason);

    /**
     * @return the SIP Reason (RFC 3326) the peer's BYE carried, once {@link #ended()} completed
     *         because of it; empty while the call lasts, when this side ended it, or when the
     *         BYE had no Reason with protocol SIP
     * @since 0.1 (added for file-transfer verdicts)
     */
    Optional<SipReason> peerReason();

    /** @return completes when the dialog ends (BYE either way, rejection, cancel, failure) */
    CompletableFuture<Void> ended();
}
