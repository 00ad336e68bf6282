package org.sipdrop.sip.internal;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * RFC 3261 §11.2: answers OPTIONS with 200 and the capabilities of this UA — Allow (the
 * methods routed right now), Accept (the bodies it understands), Accept-Encoding and
 * Accept-Language.
 */
final class OptionsResponder implements RequestHandler {

    /** Bodies SipDrop reads: SDP (RFC 5547 offers), text, PIDF, multipart, external-body. */
    static final String[][] ACCEPT = { { "application", "sdp" }, { "text", "plain" },
            { "application", "pidf+xml" }, { "multipart", "mixed" }, { "message", "external-body" } };

    private final RequestRouter router;

    OptionsResponder(RequestRouter router) {
        this.router = router;
    }

    @Override
    public void handle(Request request, ServerTransaction transaction, MessageFactoryImpl messages, HeaderFactoryImpl headers)
            throws ParseException, SipException, InvalidArgumentException {
        Response ok = messages.createResponse(Response.OK, request);
        ok.addHeader(headers.createAllowHeader(String.join(", ", router.allowed())));
        for (String[] type : ACCEPT) {
            ok.addHeader(headers.createAcceptHeader(type[0], type[1]));
        }
        ok.addHeader(headers.createAcceptEncodingHeader("identity"));
        ok.addHeader(headers.createAcceptLanguageHeader(java.util.Locale.ENGLISH));
        transaction.sendResponse(ok);
    }
}
