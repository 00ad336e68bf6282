package org.sipdrop.sip.internal;

import java.text.ParseException;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;

import org.sipdrop.sip.CallHandler;
import org.sipdrop.sip.SipBody;

/** A placed call (UAC): INVITE with the offer, ACK on 2xx, CANCEL while early, BYE after. */
final class OutgoingCall extends CallBase {

    private volatile ClientTransaction invite;

    private OutgoingCall(String callId, String peer, SipProvider provider, RequestFactory factory, CallHandler handler) {
        super(callId, peer, provider, factory, handler);
    }

    static OutgoingCall place(String to, SipBody offer, CallHandler handler, RequestFactory factory, ClientRequests requests,
            SipProvider provider, java.util.function.Consumer<OutgoingCall> register) {
        Request r;
        try {
            r = factory.outOfDialog(Request.INVITE, to, offer);
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot call " + to + ": " + e.getMessage(), e);
        }
        String callId = ((CallIdHeader) r.getHeader(CallIdHeader.NAME)).getCallId();
        OutgoingCall call = new OutgoingCall(callId, SipMessages.uri(((javax.sip.header.ToHeader) r.getHeader("To")).getAddress()),
                provider, factory, handler);
        call.local = offer;
        register.accept(call);
        requests.send(r, (ct, resp) -> {
            if (resp.getStatusCode() < 300) {
                call.dialog = ct.getDialog();
                call.remote = SipMessages.body(resp);
                call.ack(call.dialog, resp);
            }
        }, ct -> {
            call.invite = ct;
            if (ct.getDialog() == null) {
                try {
                    provider.getNewDialog(ct);
                } catch (SipException e) {
                    throw new IllegalStateException("Cannot create the call dialog: " + e.getMessage(), e);
                }
            }
        }).whenComplete((resp, e) -> {
            if (e != null) {
                call.end(e.getMessage());
            } else if (resp.isSuccess()) {
                call.established.complete(resp);
            } else {
                call.established.complete(resp);
                call.end("rejected: " + resp);
            }
        });
        return call;
    }

    /** A retransmitted 2xx after the transaction ended: ACK it again (RFC 3261 §13.2.2.4). */
    void retransmitted2xx(javax.sip.ResponseEvent event) {
        ack(event);
    }

    @Override
    public void hangUp() {
        if (ended.isDone()) {
            return;
        }
        if (!established.isDone()) {
            try {
                ClientTransaction ct = invite;
                if (ct != null) {
                    provider.getNewClientTransaction(ct.createCancel()).sendRequest();
                }
            } catch (SipException e) {
                end("cancel failed: " + e.getMessage());
            }
            return; // the 487 to the INVITE ends the call
        }
        bye(null);
    }

    @Override
    public void hangUp(org.sipdrop.sip.SipReason reason) {
        if (ended.isDone()) {
            return;
        }
        if (!established.isDone()) {
            hangUp();
            return;
        }
        bye(java.util.Objects.requireNonNull(reason, "reason"));
    }

}
