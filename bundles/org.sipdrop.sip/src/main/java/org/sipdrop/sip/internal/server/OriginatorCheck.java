package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.Optional;

import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Which requests the proxy authenticates before it serves or forwards them, in digest mode
 * (RFC 3261 §22.3: 407 with {@code Proxy-Authenticate}, via the {@link Authorizer}):
 * <ul>
 * <li>Requests whose From names a user of our domain are challenged, and the authenticated user
 * must be that user (403 otherwise): nobody sends as one of our users without that user's
 * password. This holds for requests with a To tag too: a tag proves nothing, anyone can make one
 * up. Only the requests of a dialog this proxy record-routed pass without credentials, and the
 * {@link RequestDispatcher} recognises those by their dialog token ({@link DialogTokens}) before
 * asking here; every other request comes here.</li>
 * <li>Requests from other domains to one of our users are served unauthenticated, as a proxy
 * for inbound calls does: we hold no credentials for their users.</li>
 * <li>The URI-list service (a MESSAGE to the list user) is challenged whatever the From: RFC 5365
 * §10 requires the rules of RFC 5363, which make authentication of its clients mandatory, so
 * only our users, each as itself, make the server send one request to many.</li>
 * <li>Never challenged (§22.1): ACK and CANCEL, which cannot be resubmitted with credentials;
 * REGISTER (the registrar authenticates it, 401); PUBLISH (the presence agent authenticates every
 * one, whatever its From); requests for the server itself (OPTIONS keep-alives and capability
 * queries, §11).</li>
 * </ul>
 * Our realm's {@code Proxy-Authorization} is removed before forwarding (by the dispatcher, for every request it forwards).
 */
final class OriginatorCheck {

    private final ServerContext ctx;
    private final Authorizer auth;

    OriginatorCheck(ServerContext ctx, Authorizer auth) {
        this.ctx = ctx;
        this.auth = auth;
    }

    /**
     * What {@link #admit} decided: refused (the request is answered already), or admitted, with
     * the user of our domain it authenticated when it asked for credentials.
     */
    record Admission(boolean admitted, Optional<String> user) {
        static final Admission REFUSED = new Admission(false, Optional.empty());
        static final Admission ANONYMOUS = new Admission(true, Optional.empty());
    }

    /** @return whether the request needs the credentials of the user in its From */
    boolean challenges(Request request) {
        switch (request.getMethod()) {
        case Request.ACK:
        case Request.CANCEL:
        case Request.REGISTER:
        case Request.PUBLISH:
            return false;
        default:
            break;
        }
        if (ctx.domain.isServer(request.getRequestURI())) {
            return false;
        }
        return ctx.domain.isOurs(fromUri(request)) || isListService(request);
    }

    private boolean isListService(Request request) {
        URI ruri = request.getRequestURI();
        return Request.MESSAGE.equals(request.getMethod()) && ctx.domain.isOurs(ruri)
                && ctx.config.listUser().equals(((SipURI) ruri).getUser());
    }

    /** @return whether the request may go on, and who sent it when it was authenticated; refused after answering it (407 or 403) */
    Admission admit(Request request, ServerTransaction st) throws ParseException {
        if (!challenges(request)) {
            return Admission.ANONYMOUS;
        }
        Optional<String> who = auth.authenticate(request, st);
        if (who.isEmpty()) {
            return Admission.REFUSED;
        }
        URI fromUri = fromUri(request);
        String from = ctx.domain.isOurs(fromUri) ? ((SipURI) fromUri).getUser() : null;
        if (!who.get().equals(from)) {
            ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (" + who.get() + " may not send as " + fromUri + ")");
            return Admission.REFUSED;
        }
        auth.removeOwnCredentials(request);
        return new Admission(true, who);
    }

    private static URI fromUri(Request request) {
        return ((FromHeader) request.getHeader(FromHeader.NAME)).getAddress().getURI();
    }
}
