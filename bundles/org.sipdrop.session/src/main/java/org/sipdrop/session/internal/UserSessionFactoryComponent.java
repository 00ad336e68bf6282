package org.sipdrop.session.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.FileTransferAgentFactory;
import org.sipdrop.presence.PresenceClientFactory;
import org.sipdrop.session.SessionConfig;
import org.sipdrop.session.SessionException;
import org.sipdrop.session.UserSession;
import org.sipdrop.session.UserSessionFactory;
import org.sipdrop.sip.SipAuthenticationException;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.TransferService;

/** Signs users in with the SIP, negotiation, presence and transfer services. */
@Component(service = UserSessionFactory.class)
public final class UserSessionFactoryComponent implements UserSessionFactory {

    private final SipEndpointFactory sip;
    private final FileTransferAgentFactory agents;
    private final PresenceClientFactory presences;
    private final TransferService transfers;

    @Activate
    public UserSessionFactoryComponent(@Reference SipEndpointFactory sip, @Reference FileTransferAgentFactory agents,
            @Reference PresenceClientFactory presences, @Reference TransferService transfers) {
        this.sip = sip;
        this.agents = agents;
        this.presences = presences;
        this.transfers = transfers;
    }

    @Override
    public UserSession open(SessionConfig config) throws SessionException {
        SipEndpoint endpoint;
        try {
            endpoint = sip.open(config.endpoint());
        } catch (IOException e) {
            throw new SessionException("cannot open a SIP endpoint on " + config.endpoint().bindAddress() + ": "
                    + e.getMessage(), e);
        }
        try {
            SipUserAgent ua = endpoint.userAgent(config.account());
            SipResponse registration = register(ua, config.answerTimeout());
            FileTransferAgent agent = agents.create(ua, config.agent());
            OwnPresence own = new OwnPresence(ua.account().aor(), presences.create(ua), transfers, config.answerTimeout());
            return new SignedInSession(endpoint, ua, registration, agent, own);
        } catch (SessionException | RuntimeException e) {
            endpoint.close();
            throw e;
        }
    }

    /** Registers (RFC 3261 §10) and waits a bounded time for the answer; the agent refreshes it afterwards. */
    private static SipResponse register(SipUserAgent ua, Duration timeout) throws SessionException {
        String where = ua.account().registrar().orElse("the registrar");
        try {
            SipResponse r = ua.register().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!r.isSuccess()) {
                throw new SessionException(where + " refused to register " + ua.account().aor() + ": " + r.status() + " "
                        + r.reason(), r);
            }
            return r;
        } catch (TimeoutException e) {
            throw new SessionException("no answer from " + where + " to REGISTER within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SipAuthenticationException) {
                // RFC 3261 §22.2: the credentials were refused; only another password helps
                throw new SessionException(where + " refused to register " + ua.account().aor() + ": "
                        + e.getCause().getMessage(), ((SipAuthenticationException) e.getCause()).response());
            }
            throw new SessionException("cannot register at " + where + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionException("interrupted while registering at " + where, e);
        }
    }
}
