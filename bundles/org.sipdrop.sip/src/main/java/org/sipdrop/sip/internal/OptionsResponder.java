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
 * Accept-Language, and a session description of the media it accepts when one is set (RFC 3261
 * §11.2: "a message body MAY be sent, the type of which is determined by the Accept header"; for
 * SipDrop the RFC 5547 §8.5 file-transfer capability).
 */
final class OptionsResponder implements RequestHandler {

    /** Bodies SipDrop reads: SDP (RFC 5547 offers), text, PIDF, multipart, external-body. */
    static final String[][] ACCEPT = { { "application", "sdp" }, { "text", "plain" },
            { "application", "pidf+xml" }, { "multipart", "mixed" }, { "message", "external-body" } };

    private final RequestRouter router;
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private final Supplier<java.util.List<String>> extraHeaders;
    private final Supplier<java.util.Optional<org.sipdrop.sip.SipBody>> body;

    /**
     * @param extraHeaders further header lines ({@code Name: value}) to add, e.g. the transports present now
     * @param body         the body to send now, e.g. an SDP capability description; empty for none
     */
    OptionsResponder(RequestRouter router, Supplier<java.util.List<String>> extraHeaders,
            Supplier<java.util.Optional<org.sipdrop.sip.SipBody>> body) {
        this.router = router;
        this.extraHeaders = extraHeaders;
        this.body = body;
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
        java.util.Optional<org.sipdrop.sip.SipBody> b = body.get();
        if (b.isPresent()) {
            SipMessages.setBody(ok, b.get(), headers);
        }
        RequestHandler.transaction(event, provider).sendResponse(ok);
    }
}
