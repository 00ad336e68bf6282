package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.List;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * Unforgeable marks of the dialogs this proxy record-routed, so that it can tell a request of
 * such a dialog from a made-up one without keeping any dialog state (RFC 3261 §16.4 allows a
 * proxy to "place enough information in those URIs to recognize them as values it provided").
 * <p>
 * The proxy puts a token in the URI of each Record-Route it inserts (§16.6 step 4, twice when
 * the transport changes, RFC 5658): a truncated HMAC-SHA256, under a random secret of this
 * server, of the Call-ID, the From tag of the request that sets up the dialog, and its From and
 * To addresses (user and host). Both ends copy the URI verbatim into their route sets (§12.1.1,
 * §12.1.2), so every later request in the dialog comes back with the token in its Route; the
 * initiator's tag and address are then in its From (requests of the caller) or its To (requests
 * of the callee, §12.2.1.1), hence both ways are tried. A token says nothing about any other
 * Call-ID, tag or address — a party of one dialog cannot speak as somebody else in it — and
 * nobody without the {@link ServerSecret} can make one. The secret lives as long as the server:
 * dialogs do not survive a restart of it.
 */
final class DialogTokens {

    /** The Record-Route URI parameter carrying the token (a {@code other-param}, RFC 3261 §25.1). */
    static final String PARAM = "sdt";
    /** 96 bits of the HMAC: enough that guessing is hopeless, short enough for a URI. */
    private static final int BYTES = 12;

    private final ServerSecret secret;

    DialogTokens(ServerSecret secret) {
        this.secret = secret;
    }

    /**
     * §16.6 step 4: puts the token of the dialog {@code initial} sets up into our Record-Route
     * URI; without a From tag (RFC 2543 peers; §8.1.1.3 requires one) the dialog gets none and
     * its requests are treated as new ones.
     */
    void mark(SipURI recordRoute, Request initial) throws ParseException {
        FromHeader from = (FromHeader) initial.getHeader(FromHeader.NAME);
        if (from.getTag() != null) {
            String callId = ((CallIdHeader) initial.getHeader(CallIdHeader.NAME)).getCallId();
            URI to = ((ToHeader) initial.getHeader(ToHeader.NAME)).getAddress().getURI();
            recordRoute.setParameter(PARAM, of(callId, from.getTag(), address(from.getAddress().getURI()), address(to)));
        }
    }

    /**
     * @param ourRoutes the Route URIs naming us that {@code request} carried (popped already, §16.4)
     * @return whether one of them holds the token of a dialog we record-routed with this
     *         request's Call-ID, tags and parties: the request belongs to that dialog
     */
    boolean recognises(Request request, List<URI> ourRoutes) {
        String callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        if (ourRoutes.isEmpty() || callId == null || from.getTag() == null || to.getTag() == null) {
            return false;
        }
        String fromAddress = address(from.getAddress().getURI());
        String toAddress = address(to.getAddress().getURI());
        // the initiator's tag and address are in From (its own requests) or in To (the peer's)
        String asInitiator = of(callId, from.getTag(), fromAddress, toAddress);
        String asPeer = of(callId, to.getTag(), toAddress, fromAddress);
        for (URI route : ourRoutes) {
            String token = route instanceof SipURI ? ((SipURI) route).getParameter(PARAM) : null;
            if (ServerSecret.same(token, asInitiator) || ServerSecret.same(token, asPeer)) {
                return true;
            }
        }
        return false;
    }

    private String of(String callId, String initiatorTag, String initiator, String peer) {
        // a line feed cannot occur in a header value: the fields cannot be shifted into each other
        return secret.mac("dialog\n" + callId + "\n" + initiatorTag + "\n" + initiator + "\n" + peer, BYTES);
    }

    /**
     * What identifies a party of a dialog: user and lower-case host of a sip or sips URI (ports
     * and parameters may be spelled differently along the way), else the whole URI.
     */
    private static String address(URI uri) {
        if (uri instanceof SipURI) {
            SipURI sip = (SipURI) uri;
            return (sip.getUser() == null ? "" : sip.getUser()) + "@" + LocalDomain.normalize(sip.getHost());
        }
        return String.valueOf(uri);
    }
}
