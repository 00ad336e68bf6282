package org.sipdrop.negotiation.internal.engine;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.sipdrop.sip.Call;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipReason;
import org.sipdrop.sip.SipResponse;

/** A call that ends when the test says so, with the Reason the test sets. */
final class FakeCall implements Call {
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    volatile SipReason peerReason;
    volatile boolean hungUp;

    @Override
    public String callId() {
        return "c1";
    }

    @Override
    public String peer() {
        return "bob";
    }

    @Override
    public CompletableFuture<SipResponse> established() {
        return CompletableFuture.completedFuture(new SipResponse(200, "OK", Map.of(), null));
    }

    @Override
    public Optional<SipBody> remoteBody() {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<SipResponse> reinvite(SipBody offer) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void hangUp() {
        hungUp = true;
        ended.complete(null);
    }

    @Override
    public void hangUp(SipReason reason) {
        hangUp();
    }

    @Override
    public Optional<SipReason> peerReason() {
        return Optional.ofNullable(peerReason);
    }

    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }
}
