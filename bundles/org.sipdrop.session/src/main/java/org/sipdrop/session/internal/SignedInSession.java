package org.sipdrop.session.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.session.UserSession;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipUserAgent;

/** Everything one sign-in opened; closing releases it in reverse order, once. */
final class SignedInSession implements UserSession {

    private final SipEndpoint endpoint;
    private final SipUserAgent userAgent;
    private final FileTransferAgent agent;
    private final SipResponse registration;
    private final OwnPresence own;
    private final AtomicBoolean closed = new AtomicBoolean();

    SignedInSession(SipEndpoint endpoint, SipUserAgent userAgent, SipResponse registration, FileTransferAgent agent,
            OwnPresence own) {
        this.registration = registration;
        this.endpoint = endpoint;
        this.userAgent = userAgent;
        this.agent = agent;
        this.own = own;
    }

    @Override
    public SipUserAgent userAgent() {
        return userAgent;
    }

    @Override
    public SipResponse registration() {
        return registration;
    }

    @Override
    public FileTransferAgent agent() {
        return agent;
    }

    @Override
    public PresenceClient presence() {
        return own.client();
    }

    @Override
    public CompletableFuture<SipResponse> publish(PresenceStatus status, String note, Duration lifetime) {
        return own.publish(status, note, lifetime);
    }

    @Override
    public void close() {
        close(false);
    }

    @Override
    public void closeKeepingStatus() {
        close(true);
    }

    private void close(boolean keepStatus) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            own.close(keepStatus);
            agent.close();
            userAgent.close();
        } finally {
            endpoint.close();
        }
    }
}
