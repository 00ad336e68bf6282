package org.sipdrop.sip.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Map;

import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.header.SIPHeader;

/** Converts between JAIN-SIP messages and the JAIN-SIP-free API types. */
final class SipMessages {

    private SipMessages() {
    }

    static Map<String, List<String>> headers(Message message) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        ListIterator<?> names = message.getHeaderNames();
        while (names.hasNext()) {
            String name = (String) names.next();
            List<String> values = new ArrayList<>();
            ListIterator<?> hs = message.getHeaders(name);
            while (hs.hasNext()) {
                Object h = hs.next();
                values.add(h instanceof SIPHeader ? ((SIPHeader) h).getHeaderValue().trim() : h.toString().trim());
            }
            all.merge(name.toLowerCase(Locale.ROOT), values, (a, b) -> {
                List<String> m = new ArrayList<>(a);
                m.addAll(b);
                return m;
            });
        }
        return all;
    }

    static SipBody body(Message message) {
        byte[] raw = message.getRawContent();
        if (raw == null || raw.length == 0) {
            return null;
        }
        Header ct = message.getHeader(ContentTypeHeader.NAME);
        String type = ct instanceof SIPHeader ? ((SIPHeader) ct).getHeaderValue().trim() : "application/octet-stream";
        try {
            return new SipBody(type, raw);
        } catch (IllegalArgumentException badType) {
            return new SipBody("application/octet-stream", raw);
        }
    }

    static SipResponse response(Response r) {
        return new SipResponse(r.getStatusCode(), r.getReasonPhrase(), headers(r), body(r));
    }

    static IncomingRequest request(Request r) {
        FromHeader from = (FromHeader) r.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        return new IncomingRequest(r.getMethod(), r.getRequestURI().toString(), uri(from.getAddress()),
                from.getAddress().getDisplayName(), uri(to.getAddress()), callId, headers(r), body(r));
    }

    static String uri(Address a) {
        URI u = a.getURI();
        if (u instanceof javax.sip.address.SipURI) {
            javax.sip.address.SipURI s = (javax.sip.address.SipURI) u;
            return (s.isSecure() ? "sips:" : "sip:") + (s.getUser() == null ? "" : s.getUser() + "@") + s.getHost()
                    + (s.getPort() > 0 ? ":" + s.getPort() : "");
        }
        return u.toString();
    }

    static void setBody(Message m, SipBody body, HeaderFactoryImpl headers) throws ParseException {
        ContentTypeHeader ct = (ContentTypeHeader) headers.createHeader(ContentTypeHeader.NAME, body.contentType());
        m.setContent(body.content(), ct);
    }

    /**
     * Turns what a user typed into a SIP URI: {@code bob} → {@code sip:bob@domain},
     * {@code bob@host} → {@code sip:bob@host}; a SIP URI stays as it is.
     */
    static URI target(String to, String domain, AddressFactoryImpl addresses) throws ParseException {
        String t = to.trim();
        if (t.isEmpty() || t.chars().anyMatch(c -> c <= ' ' || c == '<' || c == '>')) {
            throw new ParseException("Not a SIP address: '" + to + "'", 0);
        }
        if (!t.startsWith("sip:") && !t.startsWith("sips:")) {
            t = "sip:" + (t.indexOf('@') >= 0 ? t : t + "@" + domain);
        }
        return addresses.createURI(t);
    }
}
