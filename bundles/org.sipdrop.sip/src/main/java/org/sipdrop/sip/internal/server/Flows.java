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
 * Connection reuse (RFC 5626 §5.3, RFC 5923 §1): a UA that registers over TCP or TLS is reached
 * back over the very connection it opened, named by its source address and port, so UAs behind
 * NAT and UAs whose certificate the server cannot verify still get their requests; when the
 * connection is gone the proxy falls back to the registered contact. A subscriber is reached
 * back only where its SUBSCRIBE came from, over any transport ({@link #source}), never at a
 * Contact it merely names ({@link Notifier}).
 */
final class Flows {

    private Flows() {
    }

    /** @return {@code sip:SOURCE:PORT;transport=tcp|tls;lr} for a request that came over TCP or TLS, else null */
    static URI of(Request request, ServerContext ctx) {
        String transport = transport(request);
        return transport.equals("tcp") || transport.equals("tls") ? source(request, ctx) : null;
    }

    /**
     * @return {@code sip:SOURCE:PORT;transport=T;lr}, the way back to where {@code request} came
     *         from over any transport: the connection for TCP and TLS, the source address and
     *         port for UDP (the one address proven to be the sender's, whatever its Contact claims);
     *         null when the stack does not say
     */
    static URI source(Request request, ServerContext ctx) {
        String transport = transport(request);
        InetAddress source = ((SIPMessage) request).getRemoteAddress();
        int port = ((SIPMessage) request).getRemotePort();
        if (transport.isEmpty() || source == null || port <= 0 || !ctx.listensOn(transport)) {
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

    private static String transport(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getTransport() == null ? "" : via.getTransport().toLowerCase(Locale.ROOT);
    }
}
