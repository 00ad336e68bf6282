package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.message.Request;

import org.junit.jupiter.api.Test;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/** The marks a proxy leaves in its Record-Route (RFC 3261 §16.4, §16.6 step 4) and whom they vouch for. */
class DialogTokensTest {

    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final AddressFactoryImpl addresses = new AddressFactoryImpl();
    private final DialogTokens tokens = new DialogTokens(new ServerSecret());

    private Request request(String method, String from, String fromTag, String to, String toTag, String callId) throws Exception {
        return messages.createRequest(method + " sip:x@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1\r\n"
                + "From: <" + from + ">" + (fromTag == null ? "" : ";tag=" + fromTag) + "\r\nTo: <" + to + ">"
                + (toTag == null ? "" : ";tag=" + toTag) + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 " + method
                + "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
    }

    private List<URI> routeMarkedBy(DialogTokens marker, Request initial) throws Exception {
        SipURI rr = addresses.createSipURI(null, "127.0.0.1");
        rr.setLrParam();
        marker.mark(rr, initial);
        return List.of(rr);
    }

    @Test
    void bothPartiesOfTheDialogAreRecognisedAndNobodyElse() throws Exception {
        Request invite = request("INVITE", "sip:alice@127.0.0.1", "a1", "sip:bob@127.0.0.1:5060", null, "c1");
        List<URI> route = routeMarkedBy(tokens, invite);
        assertNotNull(((SipURI) route.get(0)).getParameter(DialogTokens.PARAM));
        assertTrue(tokens.recognises(request("BYE", "sip:alice@127.0.0.1", "a1", "sip:bob@127.0.0.1:5060", "b1", "c1"), route), "caller");
        assertTrue(tokens.recognises(request("BYE", "sip:bob@127.0.0.1", "b1", "sip:alice@127.0.0.1", "a1", "c1"), route),
                "callee, its URI spelled without the port");
        assertFalse(tokens.recognises(request("BYE", "sip:alice@127.0.0.1", "a1", "sip:bob@127.0.0.1", "b1", "c2"), route), "another Call-ID");
        assertFalse(tokens.recognises(request("BYE", "sip:alice@127.0.0.1", "a2", "sip:bob@127.0.0.1", "b1", "c1"), route), "another tag");
        assertFalse(tokens.recognises(request("MESSAGE", "sip:carol@127.0.0.1", "b1", "sip:alice@127.0.0.1", "a1", "c1"), route),
                "the callee speaking as carol");
        assertFalse(tokens.recognises(request("BYE", "sip:alice@127.0.0.1", "a1", "sip:bob@127.0.0.1", "b1", "c1"),
                routeMarkedBy(new DialogTokens(new ServerSecret()), invite)), "another server's secret");
        assertFalse(tokens.recognises(request("BYE", "sip:alice@127.0.0.1", "a1", "sip:bob@127.0.0.1", "b1", "c1"), List.of()), "no Route");
    }

    @Test
    void aDialogWithoutFromTagGetsNoToken() throws Exception {
        List<URI> route = routeMarkedBy(tokens, request("INVITE", "sip:alice@127.0.0.1", null, "sip:bob@127.0.0.1", null, "c3"));
        assertNull(((SipURI) route.get(0)).getParameter(DialogTokens.PARAM));
    }
}
