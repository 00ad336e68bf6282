package org.sipdrop.sip.internal;

import java.io.IOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * The publication of one event package by one account (RFC 3903 §4): the initial PUBLISH carries
 * the body and the server's {@code SIP-ETag} names the state; a modification carries
 * {@code SIP-If-Match} and the new body (§4.4), a refresh {@code SIP-If-Match} and no body (§4.3),
 * a removal {@code Expires: 0} (§4.5).
 * <p>
 * At most one PUBLISH is outstanding: the next must carry the entity tag the previous answer
 * brings, and two requests with the same tag make the server refuse the second with 412 (§4.4),
 * losing that update. What callers ask for meanwhile is coalesced into the latest state, sent
 * once the answer is in; every caller's future completes with the answer to the request that
 * carried its state or a later one. A 412 means the server no longer has our state: the current
 * state is published anew as an initial publication, without {@code SIP-If-Match} (§4.4, §6).
 */
final class Publication {

    private final String event;
    private final SipAccount account;
    private final RequestFactory factory;
    private final ClientRequests requests;
    private final ScheduledExecutorService timer;

    // guarded by this
    private String etag;
    private SipBody body;
    private int expires;
    private boolean removing;
    private boolean sending;
    private List<CompletableFuture<SipResponse>> pending;
    private ScheduledFuture<?> refresh;
    private boolean stopped;

    Publication(String event, SipAccount account, RequestFactory factory, ClientRequests requests, ScheduledExecutorService timer) {
        this.event = event;
        this.account = account;
        this.factory = factory;
        this.requests = requests;
        this.timer = timer;
    }

    /** @return whether the server has, or is being sent, state of ours to remove */
    synchronized boolean hasState() {
        return etag != null || (sending && !removing);
    }

    /**
     * Asks for a new state ({@code body} with {@code expires}), or its removal ({@code body} null).
     *
     * @return the answer to the PUBLISH that carried this state, or the latest state asked for after it
     */
    CompletableFuture<SipResponse> submit(SipBody newBody, int newExpires) {
        CompletableFuture<SipResponse> done = new CompletableFuture<>();
        Send next;
        synchronized (this) {
            stopped = false;
            removing = newBody == null;
            if (!removing) {
                body = newBody;
                expires = newExpires;
            }
            if (sending) {
                if (pending == null) {
                    pending = new ArrayList<>();
                }
                pending.add(done);
                return done;
            }
            sending = true;
            cancelRefresh();
            next = nextSend(List.of(done), false);
        }
        next.run();
        return done;
    }

    /** Stops refreshing; requests already sent are still answered. */
    synchronized void stop() {
        stopped = true;
        cancelRefresh();
    }

    /** One PUBLISH about to go out, with the state it carries and who waits for its answer. */
    private final class Send implements Runnable {
        final List<CompletableFuture<SipResponse>> waiters;
        final String ifMatch;
        final SipBody sentBody;
        final int sentExpires;

        Send(List<CompletableFuture<SipResponse>> waiters, String ifMatch, SipBody sentBody, int sentExpires) {
            this.waiters = waiters;
            this.ifMatch = ifMatch;
            this.sentBody = sentBody;
            this.sentExpires = sentExpires;
        }

        @Override
        public void run() {
            CompletableFuture<SipResponse> answer;
            if (sentExpires == 0 && ifMatch == null) {
                answered(this, null, new IOException("Nothing published for event " + event + " (RFC 3903 §4.5)"));
                return;
            }
            try {
                Request r = factory.outOfDialog(Request.PUBLISH, account.aor(), sentBody);
                r.setHeader(factory.headers.createEventHeader(event));
                r.setHeader(factory.headers.createExpiresHeader(sentExpires));
                if (ifMatch != null) {
                    SIPIfMatch h = new SIPIfMatch();
                    h.setETag(ifMatch);
                    r.setHeader(h);
                }
                answer = requests.send(r);
            } catch (ParseException | InvalidArgumentException | RuntimeException e) {
                answer = CompletableFuture.failedFuture(new IOException("Cannot build PUBLISH: " + e.getMessage(), e));
            }
            answer.whenComplete((resp, error) -> answered(this, resp, error));
        }
    }

    /**
     * The PUBLISH that brings the server to the current state (callers hold the lock).
     *
     * @param refreshOnly whether the state is unchanged since the last answer (§4.3)
     */
    private Send nextSend(List<CompletableFuture<SipResponse>> waiters, boolean refreshOnly) {
        if (removing) {
            return new Send(waiters, etag, null, 0);
        }
        return new Send(waiters, etag, refreshOnly && etag != null ? null : body, expires);
    }

    private void answered(Send sent, SipResponse resp, Throwable error) {
        Send next = null;
        List<CompletableFuture<SipResponse>> release = sent.waiters;
        synchronized (this) {
            if (error == null && resp.status() == 412 && sent.ifMatch != null && sent.sentExpires > 0) {
                // §4.4, §6: the server lost our state; publish the current one as an initial PUBLISH
                etag = null;
                List<CompletableFuture<SipResponse>> all = new ArrayList<>(sent.waiters);
                if (pending != null) {
                    all.addAll(pending);
                    pending = null;
                }
                next = nextSend(all, false);
                release = List.of();
            } else {
                if (error == null && resp.isSuccess()) {
                    if (sent.sentExpires == 0) {
                        etag = null;
                    } else {
                        resp.header("SIP-ETag").ifPresent(e -> etag = e);
                        scheduleRefresh(parseOr(resp.header("Expires").orElse(null), sent.sentExpires));
                    }
                } else if (error == null && sent.sentExpires == 0 && resp.status() == 412) {
                    etag = null; // §4.5: nothing left to remove
                }
                if (pending != null) {
                    next = nextSend(pending, false);
                    pending = null;
                } else {
                    sending = false;
                }
            }
        }
        for (CompletableFuture<SipResponse> w : release) {
            if (error != null) {
                w.completeExceptionally(error);
            } else {
                w.complete(resp);
            }
        }
        if (next != null) {
            next.run();
        }
    }

    private static int parseOr(String v, int fallback) {
        try {
            return v == null ? fallback : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** §4.1: refresh before the granted expiry (half of it when short, else 30 s before). */
    private void scheduleRefresh(int granted) {
        cancelRefresh();
        if (stopped || removing) {
            return;
        }
        long delay = granted <= 60 ? Math.max(1, granted / 2) : granted - 30L;
        refresh = timer.schedule(this::refresh, delay, TimeUnit.SECONDS);
    }

    private void refresh() {
        Send next;
        synchronized (this) {
            if (stopped || sending || removing || etag == null) {
                return; // a request in flight refreshes the state anyway and schedules the next refresh
            }
            sending = true;
            next = nextSend(List.of(), true);
        }
        next.run();
    }

    private void cancelRefresh() {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
    }
}
