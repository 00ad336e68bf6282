package org.sipdrop.sip;

import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/** A subscription to a resource's events (RFC 6665). */
@ProviderType
public interface Subscription extends AutoCloseable {

    String target();

    String event();

    /** @return the response to the initial SUBSCRIBE */
    CompletableFuture<SipResponse> established();

    /** @return true until it is terminated by either side or expires */
    boolean isActive();

    /** Unsubscribes (SUBSCRIBE with Expires 0); idempotent. */
    @Override
    void close();
}
