package org.sipdrop.sip.internal;

import java.text.ParseException;
import java.util.function.Supplier;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
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
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final Supplier<java.util.List<String>> extraHeaders;

    /** @param extraHeaders further header lines ({@code Name: value}) to add, e.g. the transports present now */
    OptionsResponder(RequestRouter router, Supplier<java.util.List<String>> extraHeaders) {
        this.router = router;
        this.extraHeaders = extraHeaders;
    }

    @Override
    public void handle(RequestEvent event, SipProvider provider) throws ParseException, SipException, InvalidArgumentException {
        Response ok = messages.createResponse(Response.OK, event.getRequest());
        ok.addHeader(headers.createAllowHeader(String.join(", ", router.allowed())));
        for (String[] type : ACCEPT) {
            ok.addHeader(headers.createAcceptHeader(type[0], type[1]));
        }
        ok.addHeader(headers.createAcceptEncodingHeader("identity"));
        ok.addHeader(headers.createAcceptLanguageHeader(java.util.Locale.ENGLISH));
        for (String line : extraHeaders.get()) {
            int colon = line.indexOf(':');
            ok.addHeader(headers.createHeader(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
        }
        RequestHandler.transaction(event, provider).sendResponse(ok);
    }
}
