package org.sipdrop.sip.internal;

import java.io.IOException;
import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.InvalidArgumentException;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipAuthenticationException;
import org.sipdrop.sip.SipResponse;

/**
 * REGISTER for one contact (RFC 3261 §10.2): one Call-ID for the life of the registration and
 * a rising CSeq (§10.2.4), refresh before the granted expiry, Expires 0 to remove it. A 403 to
 * the credentials we answered the registrar's challenge with (§21.4.4) fails the registration
 * with a {@link SipAuthenticationException} naming the wrong password, instead of looking like
 * any other refusal.
 */
final class RegistrationClient {

    private static final System.Logger LOG = System.getLogger(RegistrationClient.class.getName());

    private final SipAccount account;
    private final RequestFactory factory;
    private final ClientRequests requests;
    private final ScheduledExecutorService timer;
    private final CallIdHeader callId;
    private final String contact;
    private ScheduledFuture<?> refresh;
    private volatile long expiresAtMillis;
    private volatile boolean stopped;

    RegistrationClient(SipAccount account, RequestFactory factory, ClientRequests requests, ScheduledExecutorService timer)
            throws ParseException {
        this.account = account;
        this.factory = factory;
        this.requests = requests;
        this.timer = timer;
        this.callId = factory.newCallId();
        this.contact = factory.contactUri().toString();
    }

    CompletableFuture<SipResponse> register() {
        stopped = false;
        return send(account.expires()).thenCompose(r -> {
            // RFC 3261 §10.2.8: 423 Interval Too Brief names the shortest interval the registrar takes
            if (r.status() == 423 && r.header("Min-Expires").isPresent()) {
                try {
                    int min = Integer.parseInt(r.header("Min-Expires").get().trim());
                    if (min > account.expires() && min <= 86400) {
                        return send(min);
                    }
                } catch (NumberFormatException ignored) {
                    // report the 423 as it is
                }
            }
            return CompletableFuture.completedFuture(r);
        }).thenApply(r -> {
            if (r.isSuccess()) {
                int granted = grantedExpiry(r);
                expiresAtMillis = System.currentTimeMillis() + granted * 1000L;
                scheduleRefresh(granted);
            } else {
                expiresAtMillis = 0;
            }
            return r;
        });
    }

    CompletableFuture<SipResponse> unregister() {
        stopped = true;
        cancelRefresh();
        expiresAtMillis = 0;
        return send(0);
    }

    boolean isRegistered() {
        return System.currentTimeMillis() < expiresAtMillis;
    }

    private CompletableFuture<SipResponse> send(int expires) {
        try {
            javax.sip.address.Address aor = factory.self();
            Request r = factory.create(Request.REGISTER, factory.registrarUri(), aor, callId, factory.nextCSeq(), false, null);
            r.setHeader(factory.headers.createExpiresHeader(expires));
            long cseq = ((CSeqHeader) r.getHeader(CSeqHeader.NAME)).getSeqNumber();
            return requests.send(r).thenCompose(response -> answeredChallengeRefused(response, cseq)
                    ? CompletableFuture.<SipResponse>failedFuture(new SipAuthenticationException(account.aor(), response))
                    : CompletableFuture.completedFuture(response));
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("Cannot build REGISTER for " + account.aor() + ": " + e.getMessage(), e));
        }
    }

    /**
     * @return whether {@code response} is a 403 to a REGISTER we re-sent with credentials: the RI's
     *         AuthenticationHelper answers a 401/407 with the next CSeq (RFC 3261 §22.2, §8.1.3.5), so
     *         a higher CSeq than ours says the registrar challenged and then refused the password
     */
    static boolean answeredChallengeRefused(SipResponse response, long sentCSeq) {
        if (response.status() != 403) {
            return false;
        }
        String cseq = response.header("CSeq").orElse("").trim();
        int space = cseq.indexOf(' ');
        try {
            return Long.parseLong(space < 0 ? cseq : cseq.substring(0, space)) > sentCSeq;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** RFC 3261 §10.2.4: the expiry the registrar granted to our contact, else the Expires header. */
    int grantedExpiry(SipResponse r) {
        for (String c : r.headers("Contact")) {
            for (String one : c.split(",")) {
                if (one.contains(contactUserHostPort()) && one.toLowerCase(java.util.Locale.ROOT).contains("expires=")) {
                    String v = one.substring(one.toLowerCase(java.util.Locale.ROOT).indexOf("expires=") + 8).split("[;>\\s]")[0];
                    try {
                        return Math.max(1, Integer.parseInt(v.trim()));
                    } catch (NumberFormatException ignored) {
                        // fall through to Expires
                    }
                }
            }
        }
        return r.header("Expires").map(v -> {
            try {
                return Math.max(1, Integer.parseInt(v.trim()));
            } catch (NumberFormatException e) {
                return account.expires();
            }
        }).orElse(account.expires());
    }

    private String contactUserHostPort() {
        String c = contact.startsWith("sip:") ? contact.substring(4) : contact;
        int semi = c.indexOf(';');
        return semi < 0 ? c : c.substring(0, semi);
    }

    private synchronized void scheduleRefresh(int granted) {
        cancelRefresh();
        if (stopped) {
            return;
        }
        // refresh at half the interval for short grants, else 30 s before expiry
        long delay = granted <= 60 ? Math.max(1, granted / 2) : granted - 30L;
        refresh = timer.schedule(() -> register().whenComplete((r, e) -> {
            if (e != null || !r.isSuccess()) {
                LOG.log(System.Logger.Level.WARNING, "Registration refresh of " + account.aor() + " failed: "
                        + (e != null ? e.getMessage() : r));
            }
        }), delay, TimeUnit.SECONDS);
    }

    private synchronized void cancelRefresh() {
        if (refresh != null) {
            refresh.cancel(false);
            refresh = null;
        }
    }
}
