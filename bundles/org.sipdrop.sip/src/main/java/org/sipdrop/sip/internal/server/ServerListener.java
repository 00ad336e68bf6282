package org.sipdrop.sip.internal.server;

import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.TransactionUnavailableException;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Everything the server's stack delivers: requests get a server transaction and go to the
 * {@link RequestDispatcher} (an ACK has none: RFC 3261 §17.2.1); responses and time-outs go to
 * the proxy or the notifier that sent the request. A request of another SIP version than 2.0 gets
 * 505 (RFC 3261 §7.1, §21.5.6): the RI parses any {@code SIP/x.y}, so the check is ours. Any
 * failure is answered 500 and logged; the stack keeps running.
 */
final class ServerListener implements SipListener {

    private static final System.Logger LOG = System.getLogger(ServerListener.class.getName());

    private final ServerContext ctx;
    private final RequestDispatcher dispatcher;
    private final Proxy proxy;
    private final Notifier notifier;
    private final LocationService location;

    ServerListener(ServerContext ctx, RequestDispatcher dispatcher, Proxy proxy, Notifier notifier, LocationService location) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.proxy = proxy;
        this.notifier = notifier;
        this.location = location;
    }

    /** RFC 3261 §7.1: the only version we speak; the string is case-insensitive. */
    static final String SIP_VERSION = "SIP/2.0";

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        boolean ourVersion = SIP_VERSION.equalsIgnoreCase(request.getSIPVersion());
        if (Request.ACK.equals(request.getMethod())) {
            if (!ourVersion) {
                return; // an ACK is never answered (§17.1.1.3); nothing of ours can match it
            }
            ack(request, event.getServerTransaction());
            return;
        }
        ServerTransaction st = event.getServerTransaction();
        try {
            if (request.getHeader(MaxForwardsHeader.NAME) == null) {
                // absent, or dropped by the parser as malformed: let the transaction exist so the
                // dispatcher can answer 400 naming the broken header (RFC 3261 §16.3 tolerates absence)
                request.setHeader(ctx.headers.createMaxForwardsHeader(70));
            }
            if (st == null) {
                st = ctx.provider.getNewServerTransaction(request);
            }
        } catch (TransactionAlreadyExistsException retransmission) {
            return;
        } catch (InvalidArgumentException impossible) {
            return;
        } catch (TransactionUnavailableException e) {
            // the stack already answered 400 for missing mandatory headers, or is stopping
            LOG.log(System.Logger.Level.DEBUG, "No transaction for " + request.getMethod() + ": " + e.getMessage());
            return;
        }
        if (!ourVersion) {
            ctx.reply(st, request, Response.VERSION_NOT_SUPPORTED, null);
            return;
        }
        try {
            dispatcher.handle(request, st);
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Could not handle " + request.getMethod() + ": " + e, e);
            ctx.reply(st, request, Response.SERVER_INTERNAL_ERROR, null);
        }
    }

    /**
     * An ACK for a non-2xx ends our server transaction (absorbed); an ACK for a 2xx is
     * end-to-end: the dispatcher relays it when it belongs to a dialog we record-routed (§16.11).
     */
    private void ack(Request request, ServerTransaction st) {
        if (st == null) {
            dispatcher.ack(request);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        ClientTransaction ct = event.getClientTransaction();
        Object data = ct == null ? null : ct.getApplicationData();
        if (data instanceof Notifier.Subscription) {
            notifier.response((Notifier.Subscription) data, event.getResponse());
        } else {
            proxy.response(ct, event.getResponse());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        ClientTransaction ct = event.getClientTransaction();
        Object data = ct.getApplicationData();
        if (data instanceof Notifier.Subscription) {
            notifier.drop((Notifier.Subscription) data);
        } else {
            proxy.timeout(ct);
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.log(System.Logger.Level.DEBUG, "SIP I/O error with " + event.getHost() + ":" + event.getPort() + "/" + event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
        // state lives in the proxy transactions, which end with their final responses
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
        // no dialogs: AUTOMATIC_DIALOG_SUPPORT is off
    }
}
