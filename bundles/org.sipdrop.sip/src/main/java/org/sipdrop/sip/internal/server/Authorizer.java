package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.ServerAuthenticator;
import org.sipdrop.sip.ServerAuthenticator.Result;

import gov.nist.javax.sip.header.SIPHeader;

/**
 * Digest authentication of a request the server answers itself (RFC 3261 §22.1, §22.4): finds the
 * {@code Authorization} header for our realm, asks the {@link ServerAuthenticator}, and answers
 * 401 with fresh challenges (with {@code stale=true} when only the nonce was old) or 403.
 */
final class Authorizer {

    private final ServerContext ctx;
    private final ServerAuthenticator policy;

    Authorizer(ServerContext ctx, ServerAuthenticator policy) {
        this.ctx = ctx;
        this.policy = policy;
    }

    /**
     * @return the authenticated user, or empty after answering the request (401 or 403)
     */
    Optional<String> authenticate(Request request, ServerTransaction st) throws ParseException {
        AuthorizationHeader ours = null;
        boolean other = false;
        for (ListIterator<?> it = request.getHeaders(AuthorizationHeader.NAME); it.hasNext();) {
            AuthorizationHeader h = (AuthorizationHeader) it.next();
            if (policy.realm().equals(h.getRealm())) {
                ours = h;
            } else {
                other = true;
            }
        }
        if (ours == null) {
            if (other) {
                ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (credentials for another realm)");
            } else {
                challenge(request, st, false);
            }
            return Optional.empty();
        }
        Result result = policy.verify(request.getMethod(), digestUri(request, ours), ((SIPHeader) ours).getHeaderValue());
        switch (result.outcome()) {
        case ACCEPTED:
            return result.user();
        case STALE:
            challenge(request, st, true);
            return Optional.empty();
        case FORBIDDEN:
            ctx.reply(st, request, Response.FORBIDDEN, null);
            return Optional.empty();
        default:
            challenge(request, st, false);
            return Optional.empty();
        }
    }

    /**
     * RFC 7616 §3.4.6 asks that {@code uri} match the Request-URI; the stack re-encodes URIs, so
     * when both are equivalent (RFC 3261 §19.1.4) the client's spelling is used.
     */
    private static String digestUri(Request request, AuthorizationHeader h) {
        String raw = h.getParameter("uri");
        try {
            if (raw != null && h.getURI() != null && h.getURI().equals(request.getRequestURI())) {
                return raw;
            }
        } catch (RuntimeException unparseable) {
            // fall through: the Request-URI will not match
        }
        return request.getRequestURI().toString();
    }

    /** RFC 3261 §22.1: 401 with one WWW-Authenticate per offered algorithm. */
    void challenge(Request request, ServerTransaction st, boolean stale) throws ParseException {
        Response r = ctx.response(Response.UNAUTHORIZED, request);
        for (String c : policy.challenges(stale)) {
            r.addHeader(ctx.headers.createHeader("WWW-Authenticate", c));
        }
        ctx.send(st, r);
    }

    boolean knows(String user) {
        return policy.knows(user);
    }
}
