package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.ListIterator;
import java.util.Optional;
import java.util.TimeZone;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ExpiresHeader;
import javax.sip.header.RequireHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The registrar (RFC 3261 §10.3): authenticates the REGISTER (or not, in open mode), then adds,
 * refreshes and removes bindings of the address-of-record in the To header, and answers 200 with
 * every current contact and its remaining {@code expires}.
 */
final class Registrar {

    private final ServerContext ctx;
    private final LocationService location;
    private final Optional<Authorizer> auth;

    Registrar(ServerContext ctx, LocationService location, Optional<Authorizer> auth) {
        this.ctx = ctx;
        this.location = location;
        this.auth = auth;
    }

    void register(Request request, ServerTransaction st) throws ParseException, InvalidArgumentException {
        // §10.3 step 2: no extension is supported
        RequireHeader require = (RequireHeader) request.getHeader(RequireHeader.NAME);
        if (require != null) {
            Response r = ctx.response(Response.BAD_EXTENSION, request);
            r.addHeader(ctx.headers.createUnsupportedHeader(require.getOptionTag()));
            ctx.send(st, r);
            return;
        }
        // §10.3 step 5: the address-of-record must be of our domain
        URI aor = ((ToHeader) request.getHeader(ToHeader.NAME)).getAddress().getURI();
        if (!ctx.domain.isOurs(aor) || ((SipURI) aor).getUser() == null) {
            ctx.reply(st, request, Response.NOT_FOUND, "Not Found (not an address of this domain)");
            return;
        }
        String user = ((SipURI) aor).getUser();
        // §10.3 steps 3, 4, 6: authenticate; only the user may change its own bindings
        if (auth.isPresent()) {
            Optional<String> who = auth.get().authenticate(request, st);
            if (who.isEmpty()) {
                return;
            }
            if (!who.get().equals(user)) {
                ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (" + who.get() + " may not register " + user + ")");
                return;
            }
        }
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        long cseq = ((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber();
        ExpiresHeader expiresHeader = request.getExpires();
        List<ContactHeader> contacts = new ArrayList<>();
        for (ListIterator<?> it = request.getHeaders(ContactHeader.NAME); it.hasNext();) {
            contacts.add((ContactHeader) it.next());
        }
        LocationService.Outcome outcome = LocationService.Outcome.DONE;
        if (contacts.stream().anyMatch(c -> c.getAddress().isWildcard())) {
            // §10.3 step 6: "*" only alone and only with Expires: 0
            if (contacts.size() != 1 || expiresHeader == null || expiresHeader.getExpires() != 0) {
                ctx.reply(st, request, Response.BAD_REQUEST, "Bad Request (Contact: * needs Expires: 0 and no other Contact)");
                return;
            }
            outcome = location.removeAll(user, callId, cseq);
        } else if (!contacts.isEmpty()) {
            List<LocationService.Change> changes = new ArrayList<>();
            for (ContactHeader c : contacts) {
                int expires = c.getExpires() >= 0 ? c.getExpires()
                        : expiresHeader != null ? expiresHeader.getExpires() : org.sipdrop.sip.SipServerConfig.DEFAULT_EXPIRES;
                if (expires > 0 && expires < ctx.config.minExpires()) {
                    // §10.3 step 7, §21.4.17: 423 with the shortest interval we accept
                    Response r = ctx.response(Response.INTERVAL_TOO_BRIEF, request);
                    r.addHeader(ctx.headers.createMinExpiresHeader(ctx.config.minExpires()));
                    ctx.send(st, r);
                    return;
                }
                if (!(c.getAddress().getURI() instanceof SipURI)) {
                    ctx.reply(st, request, Response.BAD_REQUEST, "Bad Request (contacts must be sip or sips URIs)");
                    return;
                }
                if (ctx.domain.isServerAddress((SipURI) c.getAddress().getURI())) {
                    // requests for the user would come back here for whoever the contact names: users whose contacts
                    // name one another would fork without end (10 contacts each), far faster than Max-Forwards stops it
                    ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (a contact may not point at this server)");
                    return;
                }
                changes.add(new LocationService.Change(c.getAddress().getURI(), Math.min(expires, ctx.config.maxExpires())));
            }
            outcome = location.apply(user, callId, cseq, changes, Flows.of(request, ctx));
        }
        switch (outcome) {
        case OUT_OF_ORDER:
            ctx.reply(st, request, Response.SERVER_INTERNAL_ERROR, "Server Internal Error (REGISTER out of order)");
            return;
        case FULL:
            ctx.reply(st, request, Response.FORBIDDEN, "Forbidden (too many contacts; at most "
                    + LocationService.MAX_CONTACTS_PER_USER + " per user)");
            return;
        default:
            ok(request, st, user);
        }
    }

    /** §10.3 step 8: 200 with all current bindings, each with its remaining expiry, and a Date. */
    private void ok(Request request, ServerTransaction st, String user) throws ParseException, InvalidArgumentException {
        Response ok = ctx.response(Response.OK, request);
        long now = location.now();
        for (LocationService.Binding b : location.lookup(user)) {
            ContactHeader c = ctx.headers.createContactHeader(ctx.addresses.createAddress((URI) b.contact().clone()));
            c.setExpires(b.remainingSeconds(now));
            ok.addHeader(c);
        }
        ok.addHeader(ctx.headers.createDateHeader(Calendar.getInstance(TimeZone.getTimeZone("GMT"))));
        ctx.send(st, ok);
    }
}
