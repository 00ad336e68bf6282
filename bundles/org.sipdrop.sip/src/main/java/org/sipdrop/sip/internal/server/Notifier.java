package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The notifier side of presence subscriptions (RFC 6665 §4.2.2, RFC 3856 §6): keeps each
 * subscription's dialog (we are its UAS, §12.1.1) and sends NOTIFYs in it — the current document
 * with {@code Subscription-State: active}, or {@code terminated} at the end. A NOTIFY that fails
 * (481, any other error, a time-out) ends the subscription (§4.2.2).
 * <p>
 * NOTIFYs go back only the way the latest SUBSCRIBE of the subscription came ({@link Flows#source}:
 * its connection, or its UDP source address), addressed to its Contact: a subscriber could name
 * any socket in its Contact or Record-Route, and one SUBSCRIBE triggering many NOTIFYs towards
 * it is the amplifier of RFC 6665 §6.3. When that connection is gone the NOTIFY fails and the
 * subscription ends; the subscriber's next refresh gets 481 and it subscribes anew (§4.1.2.2).
 */
final class Notifier {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());
    /** Most subscriptions at once. */
    static final int MAX_SUBSCRIPTIONS = 10_000;

    /** One subscription: the dialog state needed to send NOTIFY in it. */
    static final class Subscription {
        final String key;
        final String presentity;
        final Address local;
        final Address remote;
        final String callId;
        final URI target;
        final List<Address> routes;
        final String eventId;
        /** Whether the watcher is refused the real state (RFC 5025 §3.2.1 polite blocking). */
        final boolean polite;
        /** Where the latest SUBSCRIBE came from: where NOTIFYs go. */
        volatile URI flow;
        long expiresAt;
        long cseq;

        Subscription(String key, String presentity, Address local, Address remote, String callId, URI target,
                List<Address> routes, String eventId, URI flow, boolean polite) {
            this.key = key;
            this.presentity = presentity;
            this.local = local;
            this.remote = remote;
            this.callId = callId;
            this.target = target;
            this.routes = routes;
            this.eventId = eventId;
            this.flow = flow;
            this.polite = polite;
        }
    }

    private final ServerContext ctx;
    private final Clock clock;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    Notifier(ServerContext ctx, Clock clock) {
        this.ctx = ctx;
        this.clock = clock;
    }

    /** Dialog key: Call-ID, our tag, their tag. */
    static String key(String callId, String localTag, String remoteTag) {
        return callId + "|" + localTag + "|" + remoteTag;
    }

    Subscription find(Request inDialog) {
        String callId = ((CallIdHeader) inDialog.getHeader(CallIdHeader.NAME)).getCallId();
        String ours = ((ToHeader) inDialog.getHeader(ToHeader.NAME)).getTag();
        String theirs = ((FromHeader) inDialog.getHeader(FromHeader.NAME)).getTag();
        return subscriptions.get(key(callId, ours, theirs));
    }

    boolean full() {
        return subscriptions.size() >= MAX_SUBSCRIPTIONS;
    }

    /**
     * Builds the subscription a SUBSCRIBE creates; {@code response} is our 2xx carrying our To tag.
     *
     * @param polite whether the watcher gets a neutral document instead of the presentity's
     */
    Subscription create(Request subscribe, Response response, String presentity, boolean polite) {
        String callId = ((CallIdHeader) subscribe.getHeader(CallIdHeader.NAME)).getCallId();
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        FromHeader from = (FromHeader) subscribe.getHeader(FromHeader.NAME);
        List<Address> routes = new ArrayList<>();
        for (ListIterator<?> it = subscribe.getHeaders(RecordRouteHeader.NAME); it.hasNext();) {
            routes.add((Address) ((RecordRouteHeader) it.next()).getAddress().clone());
        }
        ContactHeader contact = (ContactHeader) subscribe.getHeader(ContactHeader.NAME);
        EventHeader event = (EventHeader) subscribe.getHeader(EventHeader.NAME);
        return new Subscription(key(callId, to.getTag(), from.getTag()), presentity, (Address) to.getAddress().clone(),
                (Address) from.getAddress().clone(), callId, (URI) contact.getAddress().getURI().clone(), routes, event.getEventId(),
                Flows.source(subscribe, ctx), polite);
    }

    /** A refresh (RFC 6665 §4.2.1.4) came, maybe over a new connection: NOTIFYs follow it. */
    void refreshed(Subscription s, Request subscribe) {
        URI source = Flows.source(subscribe, ctx);
        if (source != null) {
            s.flow = source;
        }
    }

    void keep(Subscription s, int expires) {
        s.expiresAt = clock.millis() + expires * 1000L;
        subscriptions.put(s.key, s);
    }

    void drop(Subscription s) {
        subscriptions.remove(s.key);
    }

    /** @return the live subscriptions to {@code presentity} */
    List<Subscription> watchers(String presentity) {
        return subscriptions.values().stream().filter(s -> s.presentity.equals(presentity)).toList();
    }

    /** Ends subscriptions past their expiry with a final NOTIFY (RFC 6665 §4.2.2, reason=timeout). */
    void expire(java.util.function.Function<Subscription, byte[]> documents) {
        long now = clock.millis();
        for (Subscription s : List.copyOf(subscriptions.values())) {
            if (s.expiresAt <= now) {
                drop(s);
                send(s, false, documents.apply(s));
            }
        }
    }

    /**
     * Sends one NOTIFY in the subscription's dialog (RFC 3261 §12.2.1.1, RFC 6665 §4.2.2):
     * {@code active;expires=N}, or {@code terminated;reason=timeout} (§4.1.3) when not active.
     */
    void send(Subscription s, boolean active, byte[] document) {
        synchronized (s) { // one NOTIFY at a time per subscription, CSeq in sending order
            sendLocked(s, active, document);
        }
    }

    private void sendLocked(Subscription s, boolean active, byte[] document) {
        try {
            int remaining = (int) Math.max(0, (s.expiresAt - clock.millis()) / 1000);
            Request notify = ctx.messages.createRequest((URI) s.target.clone(), Request.NOTIFY,
                    ctx.headers.createCallIdHeader(s.callId), ctx.headers.createCSeqHeader(++s.cseq, Request.NOTIFY),
                    ctx.headers.createFromHeader((Address) s.local.clone(), localTag(s)),
                    ctx.headers.createToHeader((Address) s.remote.clone(), remoteTag(s)), new ArrayList<ViaHeader>(),
                    ctx.headers.createMaxForwardsHeader(70));
            for (Address route : s.routes) {
                notify.addLast(ctx.headers.createRouteHeader((Address) route.clone()));
            }
            URI flow = s.flow;
            String transport = ctx.transportTo(flow != null ? flow : ctx.nextHopUri(notify));
            notify.addHeader(ctx.headers.createContactHeader(ctx.contact(transport)));
            EventHeader event = ctx.headers.createEventHeader("presence");
            if (s.eventId != null) {
                event.setEventId(s.eventId);
            }
            notify.addHeader(event);
            SubscriptionStateHeader subscriptionState = ctx.headers.createSubscriptionStateHeader(active ? "active" : "terminated");
            if (active) {
                subscriptionState.setExpires(remaining);
            } else {
                subscriptionState.setReasonCode("timeout");
            }
            notify.addHeader(subscriptionState);
            notify.setContent(document, ctx.headers.createContentTypeHeader("application", "pidf+xml"));
            ctx.sendBack(notify, flow, "z9hG4bKsdn" + ServerContext.newTag(), s);
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot NOTIFY " + s.remote + ": " + e.getMessage());
            drop(s);
        }
    }

    private static String localTag(Subscription s) {
        return s.key.split("\\|")[1];
    }

    private static String remoteTag(Subscription s) {
        return s.key.split("\\|")[2];
    }

    /** RFC 6665 §4.2.2: a NOTIFY answered with an error (481 above all) ends the subscription. */
    void response(Subscription s, Response r) {
        if (r.getStatusCode() >= 300) {
            drop(s);
        }
    }

    /** @return the closed document shown when the presentity published nothing (RFC 3863 §4.1.4) */
    static byte[] closed(String entity) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\""
                + SafeXml.attr(entity) + "\">\n <tuple id=\"sipdrop-none\"><status><basic>closed</basic></status></tuple>\n</presence>\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
