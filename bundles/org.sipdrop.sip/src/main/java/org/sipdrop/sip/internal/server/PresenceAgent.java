package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.EventHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.SIPIfMatchHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.w3c.dom.Element;

/**
 * The presence agent of the domain (RFC 3856): the event state compositor for PUBLISH (RFC 3903)
 * and the notifier for SUBSCRIBE (RFC 6665) of event package {@code presence}. Every
 * subscription is accepted at once (200, then an immediate NOTIFY); in authenticated mode only a
 * presentity itself may PUBLISH its state.
 * <p>
 * Watchers are authorised by a fixed rule until presence authorization rules (RFC 5025) come: in
 * digest mode the authenticated users of our domain see each other ("allow"); anybody else —
 * another domain's user, whom nobody authenticated — is politely blocked (RFC 5025 §3.2.1): the
 * subscription is accepted but its NOTIFYs carry one closed tuple and nothing else, the same
 * whether the presentity exists, is offline or online, and no change of state is notified to it,
 * so a stranger learns nothing, not even that something changed (RFC 6665 §6.2). In open mode
 * (local demos, anyone may register any name) every watcher sees everything.
 */
final class PresenceAgent {

    /** RFC 3856 §6.4, RFC 3903 §4: the default expiry. */
    static final int DEFAULT_EXPIRES = 3600;
    /** Largest PIDF document accepted. */
    static final int MAX_DOCUMENT = 64 * 1024;
    static final String PIDF_NS = "urn:ietf:params:xml:ns:pidf";

    private final ServerContext ctx;
    private final PresenceStore store;
    private final Notifier notifier;
    private final Optional<Authorizer> auth;

    PresenceAgent(ServerContext ctx, PresenceStore store, Notifier notifier, Optional<Authorizer> auth) {
        this.ctx = ctx;
        this.store = store;
        this.notifier = notifier;
        this.auth = auth;
    }

    /** @return whether the request's Event header names {@code presence} */
    static boolean isPresence(Request request) {
        EventHeader e = (EventHeader) request.getHeader(EventHeader.NAME);
        return e != null && "presence".equalsIgnoreCase(e.getEventType());
    }

    /** RFC 3903 §6: PUBLISH to the presentity in the Request-URI. */
    void publish(Request request, ServerTransaction st) throws ParseException, InvalidArgumentException {
        String entity = ((SipURI) request.getRequestURI()).getUser();
        if (!isPresence(request)) { // §6 step 2
            Response r = ctx.response(Response.BAD_EVENT, request);
            r.addHeader(ctx.headers.createAllowEventsHeader("presence"));
            ctx.send(st, r);
            return;
        }
        if (auth.isPresent()) {
            Optional<String> who = auth.get().authenticate(request, st);
            if (who.isEmpty()) {
                return;
            }
            if (!who.get().equals(entity)) {
                ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (only " + entity + " publishes its presence)");
                return;
            }
        }
        byte[] body = request.getRawContent();
        if (body != null && body.length == 0) {
            body = null;
        }
        if (body != null) {
            String problem = checkPidf(request, body);
            if (problem != null) {
                if (problem.startsWith("415")) {
                    Response r = ctx.response(Response.UNSUPPORTED_MEDIA_TYPE, request);
                    r.addHeader(ctx.headers.createAcceptHeader("application", "pidf+xml"));
                    ctx.send(st, r);
                } else {
                    ctx.reply(st, request, Response.BAD_REQUEST, "Bad Request (" + problem + ")");
                }
                return;
            }
        }
        Integer expires = expires(request, st);
        if (expires == null) {
            return;
        }
        SIPIfMatchHeader ifMatch = (SIPIfMatchHeader) request.getHeader(SIPIfMatchHeader.NAME);
        PresenceStore.Outcome outcome = store.publish(entity, ifMatch == null ? null : ifMatch.getETag(), body, expires);
        if (outcome.status() != Response.OK) {
            ctx.reply(st, request, outcome.status(), outcome.status() == 400 ? "Bad Request (an initial PUBLISH needs a body)" : null);
            return;
        }
        Response ok = ctx.response(Response.OK, request);
        if (outcome.etag() != null) {
            ok.addHeader(ctx.headers.createSIPETagHeader(outcome.etag()));
        }
        ok.addHeader(ctx.headers.createExpiresHeader(expires));
        if (outcome.changed()) {
            notifyWatchers(entity); // before the 200: whoever watches when the state changed hears of it
        }
        ctx.send(st, ok);
    }

    private static String checkPidf(Request request, byte[] body) {
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        if (type == null || !"application".equalsIgnoreCase(type.getContentType()) || !"pidf+xml".equalsIgnoreCase(type.getContentSubType())) {
            return "415";
        }
        try {
            Element root = SafeXml.parse(body, MAX_DOCUMENT).getDocumentElement();
            if (!"presence".equals(root.getLocalName()) || !PIDF_NS.equals(root.getNamespaceURI())) {
                return "not a PIDF document (RFC 3863 §4.1)";
            }
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * RFC 6665 §4.2.1: a new subscription, a refresh, or an unsubscription (Expires: 0).
     *
     * @param watcher the authenticated user of our domain who subscribes, if any; a refresh keeps
     *        what the subscription was granted
     */
    void subscribe(Request request, ServerTransaction st, Optional<String> watcher) throws ParseException, InvalidArgumentException {
        if (!acceptsPidf(request)) {
            Response r = ctx.response(Response.NOT_ACCEPTABLE, request);
            r.addHeader(ctx.headers.createAcceptHeader("application", "pidf+xml"));
            ctx.send(st, r);
            return;
        }
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        Notifier.Subscription existing = inDialog ? notifier.find(request) : null;
        if (inDialog && existing == null) {
            ctx.reply(st, request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, "Subscription does not exist");
            return;
        }
        String presentity = existing != null ? existing.presentity : ((SipURI) request.getRequestURI()).getUser();
        boolean polite = auth.isPresent() && watcher.isEmpty();
        if (existing == null && auth.isPresent() && !polite && !auth.get().knows(presentity)) { // only colleagues learn who exists
            ctx.reply(st, request, Response.NOT_FOUND, null);
            return;
        }
        if (existing == null && request.getHeader(ContactHeader.NAME) == null) {
            ctx.reply(st, request, Response.BAD_REQUEST, "Bad Request (SUBSCRIBE needs a Contact, RFC 6665 §8.2.1)");
            return;
        }
        Integer expires = expires(request, st);
        if (expires == null) {
            return;
        }
        if (existing == null && notifier.full()) {
            ctx.reply(st, request, Response.SERVICE_UNAVAILABLE, "Service Unavailable (too many subscriptions)");
            return;
        }
        Response ok = ctx.response(Response.OK, request);
        ok.addHeader(ctx.headers.createExpiresHeader(expires));
        Notifier.Subscription s = existing != null ? existing : notifier.create(request, ok, presentity, polite);
        if (existing != null) {
            notifier.refreshed(s, request);
        }
        ok.addHeader(ctx.headers.createContactHeader(ctx.contact(ctx.transportTo(s.target))));
        ctx.send(st, ok);
        notifier.keep(s, expires);
        if (expires == 0) { // §4.2.1.4 unsubscribe (or a one-time fetch): a last NOTIFY, then it is gone
            notifier.drop(s);
            notifier.send(s, false, document(s));
        } else {
            notifier.send(s, true, document(s));
        }
    }

    private static boolean acceptsPidf(Request request) {
        ListIterator<?> it = request.getHeaders(AcceptHeader.NAME);
        if (it == null || !it.hasNext()) {
            return true;
        }
        while (it.hasNext()) {
            AcceptHeader a = (AcceptHeader) it.next();
            String type = a.getContentType() == null ? "*" : a.getContentType();
            String sub = a.getContentSubType() == null ? "*" : a.getContentSubType();
            if ((type.equals("*") || type.equalsIgnoreCase("application")) && (sub.equals("*") || sub.equalsIgnoreCase("pidf+xml"))) {
                return true;
            }
        }
        return false;
    }

    /** @return the granted expiry, or null after answering 400/423 (RFC 6665 §4.2.1.1, RFC 3903 §6 step 5) */
    private Integer expires(Request request, ServerTransaction st) throws ParseException, InvalidArgumentException {
        ExpiresHeader h = request.getExpires();
        int asked = h == null ? DEFAULT_EXPIRES : h.getExpires();
        if (asked > 0 && asked < ctx.config.minExpires()) {
            Response r = ctx.response(Response.INTERVAL_TOO_BRIEF, request);
            r.addHeader(ctx.headers.createMinExpiresHeader(ctx.config.minExpires()));
            ctx.send(st, r);
            return null;
        }
        return Math.min(asked, ctx.config.maxExpires());
    }

    /** @return what the watcher of {@code s} may see: the composed document, or closed when politely blocked */
    byte[] document(Notifier.Subscription s) {
        if (s.polite) {
            return Notifier.closed(s.local.getURI().toString());
        }
        return store.document(s.presentity).orElseGet(() -> Notifier.closed(s.local.getURI().toString()));
    }

    /** RFC 6665 §4.2.2: every change of state goes to every watcher allowed to see it. */
    void notifyWatchers(String presentity) {
        for (Notifier.Subscription s : notifier.watchers(presentity)) {
            if (!s.polite) {
                notifier.send(s, true, document(s));
            }
        }
    }

    /** Periodic: expired publications change documents; expired subscriptions end. */
    void sweep() {
        store.purge().forEach(this::notifyWatchers);
        notifier.expire(this::document);
    }
}
