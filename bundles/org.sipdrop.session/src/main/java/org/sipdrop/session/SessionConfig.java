package org.sipdrop.session;

import java.time.Duration;
import java.util.Objects;

import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpointConfig;

/**
 * What a session signs in with: where its endpoint listens, the account it registers, and how
 * its file-transfer agent receives (download folder, acceptance policy, preferred transports,
 * shared files).
 */
public final class SessionConfig {

    /** How long the session waits for the registrar unless told otherwise. */
    public static final Duration DEFAULT_ANSWER_TIMEOUT = Duration.ofSeconds(15);

    private final SipEndpointConfig endpoint;
    private final SipAccount account;
    private final AgentSettings agent;
    private final Duration answerTimeout;

    private SessionConfig(SipEndpointConfig endpoint, SipAccount account, AgentSettings agent, Duration answerTimeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.account = Objects.requireNonNull(account, "account");
        this.agent = Objects.requireNonNull(agent, "agent");
        if (answerTimeout.isNegative() || answerTimeout.isZero()) {
            throw new IllegalArgumentException("The answer timeout must be positive, was " + answerTimeout);
        }
        this.answerTimeout = answerTimeout;
    }

    public static SessionConfig of(SipEndpointConfig endpoint, SipAccount account, AgentSettings agent) {
        return new SessionConfig(endpoint, account, agent, DEFAULT_ANSWER_TIMEOUT);
    }

    /** @return a copy that waits at most {@code timeout} for the registrar's answer */
    public SessionConfig answerTimeout(Duration timeout) {
        return new SessionConfig(endpoint, account, agent, timeout);
    }

    public SipEndpointConfig endpoint() {
        return endpoint;
    }

    public SipAccount account() {
        return account;
    }

    public AgentSettings agent() {
        return agent;
    }

    public Duration answerTimeout() {
        return answerTimeout;
    }
}
