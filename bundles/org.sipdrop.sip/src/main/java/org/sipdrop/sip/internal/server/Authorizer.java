package org.sipdrop.sip.internal.server;

import java.net.InetAddress;
import java.text.ParseException;
import java.time.Duration;
import java.util.ListIterator;
import java.util.Optional;

import javax.sip.ServerTransaction;
import javax.sip.header.AuthorizationHeader;
import javax.sip.header.ProxyAuthorizationHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.ServerAuthenticator;
import org.sipdrop.sip.ServerAuthenticator.Result;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * Digest authentication (RFC 3261 §22.1, §22.3, §22.4) with the one {@link ServerAuthenticator}
 * (its realm, nonces and users) for both roles of the server:
 * <ul>
 * <li>REGISTER, which the registrar answers as a UAS: {@code Authorization}, challenged with 401
 * and {@code WWW-Authenticate} (§22.4).</li>
 * <li>every other request, which the server proxies or answers as a presence agent:
 * {@code Proxy-Authorization}, challenged with 407 and {@code Proxy-Authenticate} (§22.3).</li>
 * </ul>
 * In both roles wrong credentials sent in answer to our own challenge (our realm, a nonce we issued,
 * not stale) get 403 (§21.4.4: "authorization will not help"), so a user agent with a wrong
 * password stops after one retry instead of looping on challenges; §22.4 allows a re-challenge,
 * which is kept for credentials that do not answer a challenge of ours (a REGISTER gets 401 again,
 * any other request 403). A stale nonce is challenged again with {@code stale=true} (RFC 7616
 * §3.3) in both roles.
 * <p>
 * Failed verifications (wrong, or not answering our challenge) are counted by the
 * {@link AuthenticationThrottle} per source address and user name; while a pair is locked out its
 * credentials get 403 without being verified, so guessing passwords costs time.
 */
final class Authorizer {

    private final ServerContext ctx;
    private final ServerAuthenticator policy;
    private final AuthenticationThrottle throttle;

    Authorizer(ServerContext ctx, ServerAuthenticator policy, AuthenticationThrottle throttle) {
        this.ctx = ctx;
        this.policy = policy;
        this.throttle = throttle;
    }

    /**
     * @return the authenticated user, or empty after answering the request (401 or 403)
     */
    Optional<String> authenticate(Request request, ServerTransaction st) throws ParseException {
        boolean proxy = !Request.REGISTER.equals(request.getMethod());
        AuthorizationHeader ours = null;
        boolean other = false;
        for (ListIterator<?> it = request.getHeaders(proxy ? ProxyAuthorizationHeader.NAME : AuthorizationHeader.NAME); it.hasNext();) {
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
        String source = source(request);
        String user = ours.getUsername();
        Optional<Duration> locked = throttle.lockedOut(source, user);
        if (locked.isPresent()) {
            ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (too many failed authentications; retry in "
                    + Math.max(1, locked.get().toSeconds()) + " s)");
            return Optional.empty();
        }
        Result result = policy.verify(request.getMethod(), digestUri(request, ours), ((SIPHeader) ours).getHeaderValue());
        count(result, source, user);
        switch (result.outcome()) {
        case ACCEPTED:
            return result.user();
        case STALE:
            challenge(request, st, true);
            return Optional.empty();
        case FORBIDDEN:
            ctx.reply(st, request, Response.FORBIDDEN, null);
            return Optional.empty();
        case WRONG:
            ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (wrong credentials for realm " + policy.realm() + ")");
            return Optional.empty();
        default:
            if (proxy) {
                ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (wrong credentials for realm " + policy.realm() + ")");
            } else {
                challenge(request, st, false);
            }
            return Optional.empty();
        }
    }

    /**
     * Wrong credentials and those that do not answer our challenge are failures: a stale nonce with
     * a wrong response tells a guesser as much as a fresh one. Stale (right) and foreign-realm
     * credentials are neither.
     */
    private void count(Result result, String source, String user) {
        switch (result.outcome()) {
        case WRONG:
        case REJECTED:
            throttle.failed(source, user);
            break;
        case ACCEPTED:
            throttle.succeeded(source, user);
            break;
        default:
            break;
        }
    }

    /** @return the address the request came from (not its Via, which the sender writes) */
    private static String source(Request request) {
        InetAddress a = ((SIPMessage) request).getRemoteAddress();
        return a == null ? "?" : a.getHostAddress();
    }

    /**
     * RFC 3261 §22.3: credentials for our realm are consumed here; those for other realms are
     * left for the proxies they belong to.
     */
    void removeOwnCredentials(Request request) {
        java.util.List<javax.sip.header.Header> others = new java.util.ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(ProxyAuthorizationHeader.NAME); it.hasNext();) {
            ProxyAuthorizationHeader h = (ProxyAuthorizationHeader) it.next();
            if (!policy.realm().equals(h.getRealm())) {
                others.add(h);
            }
        }
        request.removeHeader(ProxyAuthorizationHeader.NAME);
        others.forEach(request::addHeader);
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

    /**
     * RFC 3261 §22.1, §22.3: 401 with one WWW-Authenticate (REGISTER), else 407 with one
     * Proxy-Authenticate, per offered algorithm.
     */
    void challenge(Request request, ServerTransaction st, boolean stale) throws ParseException {
        boolean proxy = !Request.REGISTER.equals(request.getMethod());
        Response r = ctx.response(proxy ? Response.PROXY_AUTHENTICATION_REQUIRED : Response.UNAUTHORIZED, request);
        for (String c : policy.challenges(stale)) {
            r.addHeader(ctx.headers.createHeader(proxy ? "Proxy-Authenticate" : "WWW-Authenticate", c));
        }
        ctx.send(st, r);
    }

    boolean knows(String user) {
        return policy.knows(user);
    }
}
