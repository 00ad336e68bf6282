package org.sipdrop.sip;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One user's SIP presence on the network: registration, pager-mode messages, presence
 * publication and subscriptions, and calls. Obtained from {@link SipEndpoint#userAgent}.
 * Futures complete on a SIP stack thread with the final response (any status: check
 * {@link SipResponse#isSuccess()}), or exceptionally with an {@link java.io.IOException} when
 * no response came (timeout, transport error). Handlers run on stack threads: return quickly.
 */
@ProviderType
public interface SipUserAgent extends AutoCloseable {

    SipAccount account();

    /**
     * REGISTER (RFC 3261 §10) with digest authentication when challenged (401/407, qop=auth);
     * refreshed before it expires until {@link #unregister()} or {@link #close()}. Completes with
     * the final response, or fails with a {@link SipAuthenticationException} when the registrar
     * answers the credentials it challenged for with 403 (a wrong password, RFC 3261 §21.4.4).
     */
    CompletableFuture<SipResponse> register();

    /** REGISTER with Expires 0 for this agent's contact. */
    CompletableFuture<SipResponse> unregister();

    /** @return true while the last REGISTER succeeded and has not expired */
    boolean isRegistered();

    /**
     * Sends a MESSAGE (RFC 3428).
     *
     * @param to a SIP URI, or a user name in this account's domain
     * @throws IllegalArgumentException over UDP when the request would exceed 1300 bytes
     *         (RFC 3428 §9, RFC 3261 §18.1.1): use TCP or TLS for larger bodies
     */
    CompletableFuture<SipResponse> message(String to, SipBody body);

    /** Handles incoming MESSAGE requests; the returned status is the answer (200 by default). */
    void onMessage(Function<IncomingRequest, SipStatus> handler);

    /**
     * Sets what this agent's OPTIONS answers advertise as the file transports it accepts
     * ({@link SipCapabilities}); asked anew for every OPTIONS, so it follows transports that
     * come and go.
     */
    void advertise(java.util.function.Supplier<java.util.Collection<String>> transferSchemes);

    /**
     * Sets the body of this agent's OPTIONS answers: a session description of the media it
     * accepts (RFC 3261 §11.2, built as RFC 3264 §9 says), such as the file-transfer capability
     * of RFC 5547 §8.5. Asked anew for every OPTIONS; empty: the answer has no body.
     */
    void advertiseSessionDescription(java.util.function.Supplier<java.util.Optional<SipBody>> capabilities);

    /** Sends OPTIONS (RFC 3261 §11) to learn what a peer supports. */
    CompletableFuture<SipResponse> options(String target);

    /**
     * Publishes event state (RFC 3903), e.g. {@code presence} with a PIDF body; refreshed
     * with SIP-If-Match before it expires; a new body modifies the same publication.
     */
    CompletableFuture<SipResponse> publish(String event, SipBody body, int expiresSeconds);

    /** Removes this agent's publication of {@code event} (Expires 0). */
    CompletableFuture<SipResponse> unpublish(String event);

    /**
     * Subscribes to a resource's events (RFC 6665), refreshing before expiry; every NOTIFY is
     * answered 200 and handed to {@code onNotify}.
     */
    Subscription subscribe(String target, String event, String accept, int expiresSeconds, Consumer<IncomingRequest> onNotify);

    /** Places a call: INVITE with an SDP offer (RFC 3261 §13, RFC 3264). */
    Call invite(String to, SipBody offer, CallHandler handler);

    /** Handles incoming INVITEs; without a handler they are answered 480. */
    void onInvite(Consumer<IncomingCall> handler);

    /** @return the Contact URI this agent registers, e.g. {@code sip:alice@127.0.0.1:5071;transport=tcp} */
    String contact();

    /** Un-registers (best effort, bounded) and stops refreshing; the endpoint stays open. */
    @Override
    void close();
}
