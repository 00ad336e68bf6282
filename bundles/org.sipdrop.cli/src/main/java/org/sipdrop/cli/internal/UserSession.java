package org.sipdrop.cli.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipUserAgent;

/** A registered user agent for the life of one command; closing un-registers and stops the stack. */
public final class UserSession implements AutoCloseable {

    /** How long a command waits for any one SIP answer. */
    public static final Duration ANSWER = Duration.ofSeconds(15);

    private final SipEndpoint endpoint;
    private final SipUserAgent agent;

    private UserSession(SipEndpoint endpoint, SipUserAgent agent) {
        this.endpoint = endpoint;
        this.agent = agent;
    }

    /**
     * Opens the endpoint and registers.
     *
     * @throws CommandFailure with a one-line reason when a service is missing or the registrar refuses
     */
    public static UserSession open(ClientOptions options, Services services) throws CommandFailure {
        SipEndpointFactory factory = services.await(SipEndpointFactory.class, Duration.ofSeconds(10))
                .orElseThrow(() -> new CommandFailure("the SIP service did not start"));
        SipEndpoint ep;
        try {
            ep = factory.open(options.endpoint());
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage());
        }
        UserSession session = new UserSession(ep, ep.userAgent(options.account()));
        try {
            SipResponse r = await(session.agent.register(), "REGISTER to " + options.account().registrar().orElse("?"));
            if (!r.isSuccess()) {
                throw new CommandFailure("registration of " + options.account().aor() + " refused: " + r);
            }
        } catch (CommandFailure e) {
            session.close();
            throw e;
        }
        return session;
    }

    /** Waits a bounded time for a SIP answer, turning every failure into a one-line reason. */
    public static <T> T await(java.util.concurrent.CompletableFuture<T> f, String what) throws CommandFailure {
        try {
            return f.get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new CommandFailure("no answer to " + what + " within " + ANSWER.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new CommandFailure(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while waiting for " + what);
        }
    }

    public SipUserAgent agent() {
        return agent;
    }

    @Override
    public void close() {
        endpoint.close();
    }
}
