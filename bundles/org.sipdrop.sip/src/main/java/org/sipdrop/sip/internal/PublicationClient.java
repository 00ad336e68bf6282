package org.sipdrop.sip.internal;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;

/**
 * Event state publication (RFC 3903 §4), one {@link Publication} per event package. Each
 * serializes its PUBLISH requests: a new state waits until the previous request is answered,
 * because the next one must carry the entity tag that answer brings (§4.4); states that pile up
 * meanwhile are coalesced, only the latest is sent. A 412 re-publishes the current state as an
 * initial publication (§4.4, §6).
 */
final class PublicationClient {

    private final SipAccount account;
    private final RequestFactory factory;
    private final ClientRequests requests;
    private final ScheduledExecutorService timer;
    private final Map<String, Publication> publications = new ConcurrentHashMap<>();

    PublicationClient(SipAccount account, RequestFactory factory, ClientRequests requests, ScheduledExecutorService timer) {
        this.account = account;
        this.factory = factory;
        this.requests = requests;
        this.timer = timer;
    }

    CompletableFuture<SipResponse> publish(String event, SipBody body, int expires) {
        if (expires <= 0) {
            throw new IllegalArgumentException("A publication needs an Expires above 0, not " + expires
                    + " (RFC 3903 §4.1); use unpublish to remove the state");
        }
        return publications.computeIfAbsent(event, e -> new Publication(e, account, factory, requests, timer))
                .submit(java.util.Objects.requireNonNull(body, "body"), expires);
    }

    CompletableFuture<SipResponse> unpublish(String event) {
        Publication p = publications.get(event);
        if (p == null || !p.hasState()) {
            return CompletableFuture.failedFuture(new IOException("Nothing published for event " + event));
        }
        return p.submit(null, 0);
    }

    void stop() {
        publications.values().forEach(Publication::stop);
    }
}
