package org.sipdrop.sip.internal;

import java.io.IOException;
import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.message.Request;

import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.Subscription;

/**
 * A subscriber's side of RFC 6665: SUBSCRIBE creates a dialog (§4.1.2), NOTIFYs arrive in it
 * and are answered 200 (§4.1.3), refreshes are in-dialog SUBSCRIBEs before expiry (§4.1.2.1),
 * Expires 0 ends it (§4.1.2.3), and {@code Subscription-State: terminated} ends it from the
 * notifier's side (§4.1.3).
 */
final class SubscriptionImpl implements Subscription {

    private final String target;
    private final String event;
    private final String accept;
    private final int expires;
    private final Consumer<IncomingRequest> onNotify;
    private final RequestFactory factory;
    private final ClientRequests requests;
    private final SipProvider provider;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<SipResponse> established = new CompletableFuture<>();
    private volatile Dialog dialog;
    private volatile String callId;
    private volatile boolean active = true;
    private ScheduledFuture<?> refresh;

    SubscriptionImpl(String target, String event, String accept, int expires, Consumer<IncomingRequest> onNotify,
            RequestFactory factory, ClientRequests requests, SipProvider provider, ScheduledExecutorService timer) {
        this.target = target;
        this.event = event;
        this.accept = accept;
        this.expires = expires;
        this.onNotify = onNotify;
        this.factory = factory;
        this.requests = requests;
        this.provider = provider;
        this.timer = timer;
    }

    /** Sends the initial SUBSCRIBE; {@code register} is told the Call-ID before any NOTIFY can arrive. */
    void start(Consumer<String> register) {
        try {
            Request r = factory.outOfDialog(Request.SUBSCRIBE, target, null);
            decorate(r, expires);
            callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
            register.accept(callId);
            requests.send(r, (ct, resp) -> {
                if (resp.getStatusCode() < 300 && ct.getDialog() != null) {
                    dialog = ct.getDialog();
                }
            }, this::newDialog).whenComplete((resp, e) -> {
                if (e != null) {
                    active = false;
                    established.completeExceptionally(e);
                    return;
                }
                if (!resp.isSuccess()) {
                    active = false;
                } else {
                    scheduleRefresh(resp.header("Expires").map(SubscriptionImpl::parse).orElse(expires));
                }
                established.complete(resp);
            });
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            active = false;
            established.completeExceptionally(new IOException("Cannot build SUBSCRIBE: " + e.getMessage(), e));
        }
    }

    private void newDialog(ClientTransaction ct) {
        if (ct.getDialog() == null) {
            try {
                provider.getNewDialog(ct);
            } catch (SipException e) {
                throw new IllegalStateException("Cannot create the subscription dialog: " + e.getMessage(), e);
            }
        }
    }

    private void decorate(Request r, int exp) throws ParseException, InvalidArgumentException {
        r.setHeader(factory.headers.createEventHeader(event));
        r.setHeader(factory.headers.createExpiresHeader(exp));
        if (accept != null) {
            String[] t = accept.split("/", 2);
            r.setHeader(factory.headers.createAcceptHeader(t[0], t.length > 1 ? t[1] : "*"));
        }
    }

    private static int parse(String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A NOTIFY of this subscription arrived (already answered 200). */
    void notified(IncomingRequest notify) {
        String state = notify.header("Subscription-State").orElse("active");
        if (state.toLowerCase(java.util.Locale.ROOT).startsWith("terminated")) {
            active = false;
            cancelRefresh();
        }
        onNotify.accept(notify);
    }

    String callId() {
        return callId;
    }

    private synchronized void scheduleRefresh(int granted) {
        cancelRefresh();
        if (!active || granted <= 0) {
            return;
        }
        long delay = granted <= 60 ? Math.max(1, granted / 2) : granted - 30L;
        refresh = timer.schedule(() -> inDialog(expires), delay, TimeUnit.SECONDS);
    }

    private synchronized void cancelRefresh() {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
    }

    private CompletableFuture<SipResponse> inDialog(int exp) {
        Dialog d = dialog;
        if (d == null) {
            return CompletableFuture.failedFuture(new IOException("The subscription to " + target + " has no dialog"));
        }
        try {
            Request r = d.createRequest(Request.SUBSCRIBE);
            decorate(r, exp);
            CompletableFuture<SipResponse> f = new CompletableFuture<>();
            ClientTransaction ct = provider.getNewClientTransaction(r);
            ct.setApplicationData(new ResponseCallback() {
                @Override
                public void response(javax.sip.ResponseEvent event, ClientTransaction t) {
                    if (event.getResponse().getStatusCode() >= 200) {
                        SipResponse resp = SipMessages.response(event.getResponse());
                        if (resp.isSuccess() && exp > 0) {
                            scheduleRefresh(resp.header("Expires").map(SubscriptionImpl::parse).orElse(exp));
                        }
                        f.complete(resp);
                    }
                }

                @Override
                public void failed(String reason) {
                    f.completeExceptionally(new IOException(reason));
                }
            });
            d.sendRequest(ct);
            return f;
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("Cannot refresh the subscription: " + e.getMessage(), e));
        }
    }

    @Override
    public String target() {
        return target;
    }

    @Override
    public String event() {
        return event;
    }

    @Override
    public CompletableFuture<SipResponse> established() {
        return established;
    }

    @Override
    public boolean isActive() {
        return active;
    }

    @Override
    public void close() {
        if (!active) {
            return;
        }
        active = false;
        cancelRefresh();
        inDialog(0);
    }
}
