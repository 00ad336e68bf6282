package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.Set;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * Decides who answers a request (RFC 3261 §16.3, §16.4, §16.5): loose routing through us within
 * the dialogs we record-routed, the server itself (OPTIONS, REGISTER), the registrar, the presence
 * agent, the URI-list service, or the proxy towards a user's registered contacts. Requests for
 * other domains are refused (403: no open relay), and so are a Route beyond us and a Request-URI
 * of any address unless the request carries the token of one of our dialogs ({@link DialogTokens}):
 * a To tag alone proves nothing. In digest mode, requests from our users are authenticated first
 * ({@link OriginatorCheck}), those of our dialogs excepted.
 */
final class RequestDispatcher {

    private static final System.Logger LOG = System.getLogger(RequestDispatcher.class.getName());

    /** Methods of RFC 3261, 3262, 3311, 3428, 3515, 3903, 6086, 6665: all others get 501 (§21.5.2). */
    static final Set<String> KNOWN = Set.of("ACK", "BYE", "CANCEL", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS",
            "PRACK", "PUBLISH", "REFER", "REGISTER", "SUBSCRIBE", "UPDATE");
    /** What the server itself serves at its own URI (§21.4.6: the Allow of a 405). */
    static final String SERVER_ALLOW = "OPTIONS, REGISTER";
    /** What the server handles or relays (the Allow of OPTIONS). */
    static final String ALLOW = "ACK, BYE, CANCEL, INFO, INVITE, MESSAGE, NOTIFY, OPTIONS, PRACK, PUBLISH, REFER, REGISTER, SUBSCRIBE, UPDATE";

    private final ServerContext ctx;
    private final LocationService location;
    private final Registrar registrar;
    private final Proxy proxy;
    private final PresenceAgent presence;
    private final Notifier notifier;
    private final ListFanOut fanOut;
    private final Optional<Authorizer> auth;
    private final Optional<OriginatorCheck> originators;

    RequestDispatcher(ServerContext ctx, LocationService location, Registrar registrar, Proxy proxy, PresenceAgent presence,
            Notifier notifier, ListFanOut fanOut, Optional<Authorizer> auth) {
        this.ctx = ctx;
        this.location = location;
        this.registrar = registrar;
        this.proxy = proxy;
        this.presence = presence;
        this.notifier = notifier;
        this.fanOut = fanOut;
        this.auth = auth;
        this.originators = auth.map(a -> new OriginatorCheck(ctx, a));
    }

    void handle(Request request, ServerTransaction st) throws ParseException, InvalidArgumentException {
        String method = request.getMethod();
        if (!KNOWN.contains(method)) {
            ctx.reply(st, request, Response.NOT_IMPLEMENTED, null);
            return;
        }
        String malformed = malformedHeader(request);
        if (malformed != null) { // RFC 3261 §21.4.1
            ctx.reply(st, request, Response.BAD_REQUEST, "Bad Request (malformed header '" + malformed + "')");
            return;
        }
        if (!method.equals(((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getMethod())) {
            ctx.reply(st, request, Response.BAD_REQUEST, "Bad Request (CSeq method differs from the request method)");
            return;
        }
        URI ruri = request.getRequestURI();
        if (!(ruri instanceof SipURI)) {
            ctx.reply(st, request, Response.UNSUPPORTED_URI_SCHEME, null);
            return;
        }
        MaxForwardsHeader mf = (MaxForwardsHeader) request.getHeader(MaxForwardsHeader.NAME);
        if (mf != null && mf.getMaxForwards() == 0 && !(Request.OPTIONS.equals(method) && ctx.domain.isServer(ruri))) {
            ctx.reply(st, request, Response.TOO_MANY_HOPS, null); // §16.3 step 3
            return;
        }
        List<URI> ourRoutes = stripOwnRoutes(request);
        boolean inDialog = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() != null;
        if (Request.CANCEL.equals(method)) {
            proxy.cancel(request, st);
        } else if (Request.SUBSCRIBE.equals(method) && inDialog && notifier.find(request) != null) {
            presence.subscribe(request, st, Optional.empty()); // a refresh: the subscription keeps what it was granted
        } else if (inDialog && ctx.dialogs.recognises(request, ourRoutes)) {
            forward(request, st, List.of(Proxy.Target.of(ctx.nextHopUri(request))), false); // §16.4, §16.6 step 6
        } else if (ctx.domain.isServer(ruri)) {
            server(request, st);
        } else if (request.getHeader(RouteHeader.NAME) != null) {
            ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (a Route beyond this server is followed only in its own dialogs)");
        } else {
            outsideOurDialogs(request, st, (SipURI) ruri);
        }
    }

    /** A request that starts something, or claims a dialog we cannot vouch for: authenticated (digest mode), then routed. */
    private void outsideOurDialogs(Request request, ServerTransaction st, SipURI ruri) throws ParseException, InvalidArgumentException {
        OriginatorCheck.Admission admission = originators.isPresent() ? originators.get().admit(request, st)
                : OriginatorCheck.Admission.ANONYMOUS;
        if (!admission.admitted()) {
            return; // §22.3: answered 407 or 403
        }
        if (ctx.domain.isOurs(ruri)) {
            user(request, st, ruri.getUser(), admission.user());
        } else if (location.isContact(ruri)) {
            forward(request, st, List.of(Proxy.Target.of(ruri)), false);
        } else {
            ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (relaying to other domains is not allowed)");
        }
    }

    /**
     * Hands {@code request} to the proxy without our realm's credentials (RFC 3261 §22.3: they are
     * consumed here), whether or not they were checked: clients keep sending them inside dialogs,
     * and the other party has no business with them.
     */
    private void forward(Request request, ServerTransaction st, List<Proxy.Target> targets, boolean retarget) throws ParseException {
        auth.ifPresent(a -> a.removeOwnCredentials(request));
        proxy.forward(request, st, targets, retarget);
    }

    /**
     * An ACK without a server transaction: one for a 2xx, end-to-end (RFC 3261 §13.2.2.4). It is
     * relayed statelessly (§16.11) when it belongs to a dialog we record-routed, or goes straight
     * to a contact registered here; any other is dropped: an ACK is never answered, and
     * relaying it anywhere would make us an open relay.
     */
    void ack(Request request) {
        try {
            List<URI> ourRoutes = stripOwnRoutes(request);
            URI target = request.getRequestURI();
            if (ctx.dialogs.recognises(request, ourRoutes)
                    || (request.getHeader(RouteHeader.NAME) == null && !ctx.domain.isOurs(target) && location.isContact(target))) {
                auth.ifPresent(a -> a.removeOwnCredentials(request)); // §22.3, as for every request we forward
                proxy.forwardStateless(request);
            }
        } catch (RuntimeException malformed) { // nobody to answer: drop it, the stack goes on
            LOG.log(System.Logger.Level.DEBUG, "Dropped an ACK: " + malformed);
        }
    }

    /** @return the first header the stack could not parse (it keeps them aside as "unrecognized"), or null */
    static String malformedHeader(Request request) {
        ListIterator<String> bad = ((SIPMessage) request).getUnrecognizedHeaders();
        if (bad == null || !bad.hasNext()) {
            return null;
        }
        String h = bad.next().strip();
        return h.length() > 60 ? h.substring(0, 60) + "..." : h;
    }

    /** §16.4: pops every top Route that names us; @return their URIs, top first */
    private List<URI> stripOwnRoutes(Request request) {
        List<URI> ours = new ArrayList<>();
        RouteHeader route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        while (route != null && ctx.domain.isServer(route.getAddress().getURI())) {
            ours.add(route.getAddress().getURI());
            request.removeFirst(RouteHeader.NAME);
            route = (RouteHeader) request.getHeader(RouteHeader.NAME);
        }
        return ours;
    }

    private void server(Request request, ServerTransaction st) throws ParseException, InvalidArgumentException {
        switch (request.getMethod()) {
        case Request.OPTIONS:
            options(request, st);
            break;
        case Request.REGISTER:
            registrar.register(request, st);
            break;
        default:
            Response r = ctx.response(Response.METHOD_NOT_ALLOWED, request);
            r.addHeader(ctx.headers.createAllowHeader(SERVER_ALLOW));
            ctx.send(st, r);
        }
    }

    /** RFC 3261 §11.2: what this server does. */
    private void options(Request request, ServerTransaction st) throws ParseException {
        Response ok = ctx.response(Response.OK, request);
        ok.addHeader(ctx.headers.createAllowHeader(ALLOW));
        ok.addHeader(ctx.headers.createAcceptHeader("application", "pidf+xml"));
        ok.addHeader(ctx.headers.createAcceptHeader("multipart", "mixed"));
        ok.addHeader(ctx.headers.createAllowEventsHeader("presence"));
        ok.addHeader(ctx.headers.createSupportedHeader("recipient-list-message"));
        ctx.send(st, ok);
    }

    /**
     * A request for a user of our domain (§16.5: the location service gives the targets).
     *
     * @param sender the user of our domain who sent the request and was authenticated, if any
     */
    private void user(Request request, ServerTransaction st, String user, Optional<String> sender) throws ParseException,
            InvalidArgumentException {
        String method = request.getMethod();
        if (Request.MESSAGE.equals(method) && user.equals(ctx.config.listUser())) {
            fanOut.message(request, st);
        } else if (Request.PUBLISH.equals(method)) {
            presence.publish(request, st);
        } else if (Request.SUBSCRIBE.equals(method) && PresenceAgent.isPresence(request)) {
            presence.subscribe(request, st, sender);
        } else if (Request.REGISTER.equals(method)) {
            registrar.register(request, st);
        } else {
            List<LocationService.Binding> bindings = location.lookup(user);
            if (bindings.isEmpty()) {
                ctx.reply(st, request, unreachable(user, sender), null);
                return;
            }
            forward(request, st, bindings.stream().map(b -> new Proxy.Target(b.contact(), b.flow())).toList(), true);
        }
    }

    /**
     * The answer for a user without bindings: 480 for one who exists (§21.4.18), 404 for one who
     * does not (§21.4.5) — but in digest mode only to authenticated users of our domain. Anybody
     * else gets 480 for both, so that nobody can find out which names exist by trying them
     * (480 rather than 404: a caller from another domain who knows a real colleague learns the
     * truth, "not reachable now", and a made-up name looks no different). Open mode tells apart
     * the names that have registered once: there anyone may register any name anyway.
     */
    private int unreachable(String user, Optional<String> sender) {
        if (auth.isEmpty()) {
            return location.hasRegistered(user) ? Response.TEMPORARILY_UNAVAILABLE : Response.NOT_FOUND;
        }
        if (sender.isEmpty()) {
            return Response.TEMPORARILY_UNAVAILABLE;
        }
        return auth.get().knows(user) ? Response.TEMPORARILY_UNAVAILABLE : Response.NOT_FOUND;
    }
}
