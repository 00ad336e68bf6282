package org.sipdrop.sip.internal;

import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
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
 * Receives everything the stack delivers: requests are routed by method and answered 405 or
 * 501 when nobody serves them, so a peer always gets a response and the stack keeps running;
 * responses and timeouts go to the {@link ResponseCallback} of their client transaction.
 */
final class EndpointListener implements SipListener {

    private static final System.Logger LOG = System.getLogger(EndpointListener.class.getName());

    private final SipProvider provider;
    private final RequestRouter router;
    private final MessageFactoryImpl messages = new MessageFactoryImpl();
    private final HeaderFactoryImpl headers = new HeaderFactoryImpl();
    private volatile StrayResponseHandler strays = e -> { };

    /** Told about responses without a client transaction (e.g. a retransmitted 2xx to INVITE). */
    interface StrayResponseHandler {
        void stray(ResponseEvent event);
    }

    EndpointListener(SipProvider provider, RequestRouter router) {
        this.provider = provider;
        this.router = router;
    }

    void onStrayResponse(StrayResponseHandler handler) {
        this.strays = handler;
    }

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        String method = request.getMethod();
        try {
            switch (router.route(method)) {
            case HANDLE:
                ((RequestHandler) router.handler(method)).handle(event, provider);
                break;
            case METHOD_NOT_ALLOWED:
                Response notAllowed = messages.createResponse(Response.METHOD_NOT_ALLOWED, request);
                notAllowed.addHeader(headers.createAllowHeader(String.join(", ", router.allowed())));
                RequestHandler.transaction(event, provider).sendResponse(notAllowed);
                break;
            case NOT_IMPLEMENTED:
                RequestHandler.transaction(event, provider).sendResponse(messages.createResponse(Response.NOT_IMPLEMENTED, request));
                break;
            default:
                break;
            }
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not answer " + method + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        Object cb = ct == null ? null : ct.getApplicationData();
        try {
            if (cb instanceof ResponseCallback) {
                ((ResponseCallback) cb).response(event, ct);
            } else {
                strays.stray(event);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A response handler failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        Object cb = ct == null ? null : ct.getApplicationData();
        if (cb instanceof ResponseCallback) {
            String method = ct.getRequest().getMethod();
            ((ResponseCallback) cb).failed("No response to " + method + " from " + ct.getRequest().getRequestURI()
                    + " (RFC 3261 §17.1 transaction timeout)");
        }
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
        // calls and subscriptions track their own end
    }
}
