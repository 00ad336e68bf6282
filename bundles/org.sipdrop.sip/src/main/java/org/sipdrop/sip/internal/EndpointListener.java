package org.sipdrop.sip.internal;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;

/**
 * Receives everything the stack delivers and routes requests; answers what nobody handles
 * with 405 or 501 so a peer always gets a response and the stack keeps running.
 */
final class EndpointListener implements SipListener {

    private static final System.Logger LOG = System.getLogger(EndpointListener.class.getName());

    private final SipProvider provider;
    private final RequestRouter router;
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();

    EndpointListener(SipProvider provider, RequestRouter router) {
        this.provider = provider;
        this.router = router;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            switch (router.route(method)) {
            case HANDLE:
                ((RequestHandler) router.handler(method)).handle(request, transaction(event), messages, headers);
                break;
            case METHOD_NOT_ALLOWED:
                Response notAllowed = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
                addAllow(notAllowed);
                transaction(event).sendResponse(notAllowed);
                break;
            case NOT_IMPLEMENTED:
                transaction(event).sendResponse(messages.createResponse(Response.NOT_IMPLEMENTED, request));
                break;
            default:
                break;
            }
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not answer " + method + ": " + e.getMessage(), e);
        }
    }

    private ServerTransaction transaction(RequestEvent event) throws SipException {
        ServerTransaction st = event.getServerTransaction();
        return st != null ? st : provider.getNewServerTransaction(event.getRequest());
    }

    void addAllow(Response response) throws ParseException {
        List<String> methods = new ArrayList<>(router.allowed());
        response.addHeader(headers.createAllowHeader(String.join(", ", methods)));
    }

    @Override
    public void processResponse(ResponseEvent event) {
        // client transactions arrive with the SIP issue's UAC support
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        LOG.log(System.Logger.Level.DEBUG, "SIP transaction timed out");
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(System.Logger.Level.DEBUG, "SIP I/O error with " + event.getHost() + ":" + event.getPort());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // nothing kept per transaction
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs yet
    }
}
