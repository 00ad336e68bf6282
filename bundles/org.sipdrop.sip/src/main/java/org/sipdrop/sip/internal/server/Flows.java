package org.sipdrop.sip.internal.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.Locale;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

import gov.nist.javax.sip.message.SIPMessage;

/**
 * Connection reuse (RFC 5626 §5.3, RFC 5923 §1): a UA that registers or subscribes over TCP or
 * TLS is reached back over the very connection it opened, named by its source address and port,
 * so UAs behind NAT and UAs whose certificate the server cannot verify still get their requests.
 * When the connection is gone the server falls back to the contact itself.
 */
final class Flows {

    private Flows() {
    }

    /** @return {@code sip:SOURCE:PORT;transport=tcp|tls;lr} for a request that came over TCP or TLS, else null */
    static URI of(Request request, ServerContext ctx) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        String transport = via == null || via.getTransport() == null ? "" : via.getTransport().toLowerCase(Locale.ROOT);
        InetAddress source = ((SIPMessage) request).getRemoteAddress();
        int port = ((SIPMessage) request).getRemotePort();
        if (!(transport.equals("tcp") || transport.equals("tls")) || source == null || port <= 0 || !ctx.listensOn(transport)) {
            return null;
        }
        try {
            String host = source instanceof Inet6Address ? "[" + source.getHostAddress() + "]" : source.getHostAddress();
            SipURI flow = ctx.addresses.createSipURI(null, host);
            flow.setPort(port);
            flow.setTransportParam(transport);
            flow.setLrParam();
            return flow;
        } catch (ParseException e) {
            return null;
        }
    }
}
