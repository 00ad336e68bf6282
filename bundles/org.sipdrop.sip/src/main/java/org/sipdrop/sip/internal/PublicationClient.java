package org.sipdrop.sip.internal;

import java.io.IOException;
import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.InvalidArgumentException;
import javax.sip.message.Request;

import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;

import gov.nist.javax.sip.header.SIPIfMatch;

/**
 * Event state publication (RFC 3903 §4): the initial PUBLISH carries the body, the server's
 * SIP-ETag identifies it; refreshes carry SIP-If-Match and no body (§4.3), a modification
 * carries SIP-If-Match and the new body (§4.4), removal Expires 0 (§4.5). A 412 on a refresh
 * means the server lost the state: publish the body anew.
 */
final class PublicationClient {

    private static final class State {
        volatile String etag;
        volatile SipBody body;
        volatile int expires;
        ScheduledFuture<?> refresh;
    }

    private final SipAccount account;
    private final RequestFactory factory;
    private final ClientRequests requests;
    private final ScheduledExecutorService timer;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    PublicationClient(SipAccount account, RequestFactory factory, ClientRequests requests, ScheduledExecutorService timer) {
        this.account = account;
        this.factory = factory;
        this.requests = requests;
        this.timer = timer;
    }

    CompletableFuture<SipResponse> publish(String event, SipBody body, int expires) {
        State s = states.computeIfAbsent(event, e -> new State());
        s.body = body;
        s.expires = expires;
        return send(event, s, body, expires);
    }

    CompletableFuture<SipResponse> unpublish(String event) {
        State s = states.remove(event);
        if (s == null || s.etag == null) {
            return CompletableFuture.failedFuture(new IOException("Nothing published for event " + event));
        }
        cancel(s);
        return send(event, s, null, 0);
    }

    void stop() {
        states.values().forEach(this::cancel);
    }

    private CompletableFuture<SipResponse> send(String event, State s, SipBody body, int expires) {
        try {
            Request r = factory.outOfDialog(Request.PUBLISH, account.aor(), body);
            r.setHeader(factory.headers.createEventHeader(event));
            r.setHeader(factory.headers.createExpiresHeader(expires));
            if (s.etag != null) {
                SIPIfMatch ifMatch = new SIPIfMatch();
                ifMatch.setETag(s.etag);
                r.setHeader(ifMatch);
            }
            return requests.send(r).thenCompose(resp -> {
                if (resp.status() == 412 && body == null && expires > 0) {
                    s.etag = null; // RFC 3903 §4.3: the state is gone at the server; start again
                    return send(event, s, s.body, expires);
                }
                if (resp.isSuccess() && expires > 0) {
                    resp.header("SIP-ETag").ifPresent(e -> s.etag = e);
                    int granted = resp.header("Expires").map(v -> parseOr(v, expires)).orElse(expires);
                    schedule(event, s, granted);
                }
                return CompletableFuture.completedFuture(resp);
            });
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("Cannot build PUBLISH: " + e.getMessage(), e));
        }
    }

    private static int parseOr(String v, int fallback) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private synchronized void schedule(String event, State s, int granted) {
        cancel(s);
        long delay = granted <= 60 ? Math.max(1, granted / 2) : granted - 30L;
        s.refresh = timer.schedule(() -> send(event, s, null, s.expires), delay, TimeUnit.SECONDS);
    }

    private synchronized void cancel(State s) {
        if (s.refresh != null) {
            s.refresh.cancel(false);
            s.refresh = null;
        }
    }
}
