package org.sipdrop.sip.internal;

import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipProvider;
import javax.sip.address.Address;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * Builds the out-of-dialog requests of one account (RFC 3261 §8.1.1): From with a fresh tag,
 * Call-ID, CSeq, Via with rport (RFC 3581), Max-Forwards 70, Contact, and a loose Route to
 * the outbound proxy (RFC 3261 §8.1.2).
 */
final class RequestFactory {

    static final String USER_AGENT = "SipDrop/0.1";

    final MessageFactoryImpl messages = new MessageFactoryImpl();
    final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    final AddressFactoryImpl addresses = new AddressFactoryImpl();

    private final SipAccount account;
    private final SipProvider provider;
    private final ListeningPoint point;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong cseq = new AtomicLong(1);

    RequestFactory(SipAccount account, SipProvider provider, ListeningPoint point) {
        this.account = account;
        this.provider = provider;
        this.point = point;
    }

    String newTag() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    CallIdHeader newCallId() {
        return provider.getNewCallId();
    }

    long nextCSeq() {
        return cseq.getAndIncrement();
    }

    URI target(String to) throws ParseException {
        return SipMessages.target(to, account.domain(), addresses);
    }

    Address self() throws ParseException {
        Address a = addresses.createAddress(account.aor());
        account.displayName().ifPresent(n -> {
            try {
                a.setDisplayName(n);
            } catch (ParseException e) {
                throw new IllegalArgumentException("Bad display name: " + n, e);
            }
        });
        return a;
    }

    /** @return the Contact URI, {@code sip:user@ip:port;transport=t} */
    SipURI contactUri() throws ParseException {
        SipURI uri = addresses.createSipURI(account.user(), point.getIPAddress());
        uri.setPort(point.getPort());
        uri.setTransportParam(point.getTransport().toLowerCase(java.util.Locale.ROOT));
        return uri;
    }

    ContactHeader contact() throws ParseException {
        return headers.createContactHeader(addresses.createAddress(contactUri()));
    }

    ViaHeader via() throws ParseException, InvalidArgumentException {
        // RFC 3261 §8.1.1.7: a unique branch with the magic cookie, set here so the request's size is known before sending
        ViaHeader via = headers.createViaHeader(point.getIPAddress(), point.getPort(), point.getTransport(), "z9hG4bK" + newTag() + newTag());
        via.setRPort();
        if (!"UDP".equalsIgnoreCase(point.getTransport())) {
            // RFC 5923 §5: ask the next hop to reuse this connection for requests back to us
            via.setParameter("alias", null);
        }
        return via;
    }

    /**
     * @param requestUri where the request goes
     * @param to the To address (same as the request URI for most requests)
     * @param route true to add the loose Route to the outbound proxy
     */
    Request create(String method, URI requestUri, Address to, CallIdHeader callId, long seq, boolean route, SipBody body)
            throws ParseException, InvalidArgumentException {
        Request r = messages.createRequest(requestUri, method, callId, headers.createCSeqHeader(seq, method),
                headers.createFromHeader(self(), newTag()), headers.createToHeader(to, null), List.of(via()),
                headers.createMaxForwardsHeader(70));
        r.addHeader(contact());
        r.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
        if (route && account.outboundProxy().isPresent()) {
            SipURI proxy = (SipURI) addresses.createURI(account.outboundProxy().get());
            proxy.setLrParam();
            if (proxy.getTransportParam() == null) {
                proxy.setTransportParam(point.getTransport().toLowerCase(java.util.Locale.ROOT));
            }
            r.addHeader(headers.createRouteHeader(addresses.createAddress(proxy)));
        }
        if (body != null) {
            SipMessages.setBody(r, body, headers);
        }
        return r;
    }

    /** A new request outside any dialog, to {@code target}, routed via the outbound proxy. */
    Request outOfDialog(String method, String target, SipBody body) throws ParseException, InvalidArgumentException {
        URI uri = target(target);
        return create(method, uri, addresses.createAddress(uri), newCallId(), nextCSeq(), true, body);
    }

    /** The registrar's URI with this account's transport, for REGISTER's Request-URI (RFC 3261 §10.2). */
    URI registrarUri() throws ParseException {
        SipURI uri = (SipURI) addresses.createURI(account.registrar().orElseThrow(
                () -> new IllegalStateException("Account " + account.aor() + " has no registrar")));
        if (uri.getTransportParam() == null) {
            uri.setTransportParam(point.getTransport().toLowerCase(java.util.Locale.ROOT));
        }
        return uri;
    }
}
