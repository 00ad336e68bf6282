package org.sipdrop.sip.internal;

import java.text.ParseException;

import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.CallHandler;
import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipStatus;

/**
 * A received call (UAS, RFC 3261 §13.3): answered once with 2xx or a rejection; every
 * response carries the same To tag; the ACK confirms a 2xx; CANCEL before the answer ends it
 * with 487.
 */
final class IncomingCallImpl extends CallBase implements IncomingCall {

    private final ServerTransaction transaction;
    private final IncomingRequest request;
    private final String localTag;
    private boolean answered;

    IncomingCallImpl(ServerTransaction transaction, IncomingRequest request, SipProvider provider, RequestFactory factory) {
        super(request.callId(), request.from(), provider, factory, null);
        this.transaction = transaction;
        this.request = request;
        this.localTag = factory.newTag();
        this.remote = request.body().orElse(null);
        this.dialog = transaction.getDialog();
    }

    @Override
    public IncomingRequest request() {
        return request;
    }

    @Override
    public void ringing() {
        respond(Response.RINGING, null, null);
    }

    @Override
    public synchronized void accept(SipBody answer) {
        if (answered) {
            throw new IllegalStateException("Call " + callId + " is answered already");
        }
        answered = true;
        local = answer;
        respond(Response.OK, null, answer);
    }

    @Override
    public synchronized void reject(SipStatus status) {
        if (answered) {
            throw new IllegalStateException("Call " + callId + " is answered already");
        }
        answered = true;
        respond(status.code(), status.reason(), null, status);
        established.complete(new SipResponse(status.code(), status.reason(), java.util.Map.of(), null));
        end("rejected: " + status);
    }

    /** @return the warn-agent of a Warning header (RFC 3261 §20.43): this endpoint's host and port */
    private String warningAgent() {
        javax.sip.ListeningPoint point = provider.getListeningPoints()[0];
        String host = point.getIPAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + point.getPort();
    }

    private synchronized boolean isAnswered() {
        return answered;
    }

    @Override
    public void onReinvite(CallHandler h) {
        this.handler = h;
    }

    private void respond(int status, String reason, SipBody body) {
        respond(status, reason, body, null);
    }

    private void respond(int status, String reason, SipBody body, SipStatus warned) {
        try {
            Response r = factory.messages.createResponse(status, transaction.getRequest());
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            if (warned != null && warned.warnCode() != 0) { // RFC 3261 §20.43
                r.addHeader(factory.headers.createWarningHeader(warningAgent(), warned.warnCode(), warned.warnText().orElse("")));
            }
            ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(localTag);
            if (status < 300) {
                r.addHeader(factory.contact());
            }
            if (body != null) {
                SipMessages.setBody(r, body, factory.headers);
            }
            transaction.sendResponse(r);
            if (dialog == null) {
                dialog = transaction.getDialog();
            }
        } catch (ParseException | SipException | InvalidArgumentException e) {
            end("cannot answer: " + e.getMessage());
        }
    }

    /** The ACK for our 2xx arrived: the call is established. */
    void acked() {
        if (dialog == null) {
            dialog = transaction.getDialog();
        }
        established.complete(new SipResponse(200, "OK", java.util.Map.of(), null));
    }

    /** CANCEL before the answer (RFC 3261 §9.2): 487 to the INVITE; the CANCEL itself is answered by the caller. */
    synchronized void cancelled() {
        if (!answered) {
            answered = true;
            respond(Response.REQUEST_TERMINATED, null, null);
            end("the caller cancelled");
        }
    }

    @Override
    public void hangUp() {
        if (ended.isDone()) {
            return;
        }
        if (!answered) {
            reject(new SipStatus(480, "Temporarily Unavailable"));
            return;
        }
        bye(null);
    }

    @Override
    public void hangUp(org.sipdrop.sip.SipReason reason) {
        if (ended.isDone()) {
            return;
        }
        if (!isAnswered()) {
            hangUp();
            return;
        }
        bye(java.util.Objects.requireNonNull(reason, "reason"));
    }
}
