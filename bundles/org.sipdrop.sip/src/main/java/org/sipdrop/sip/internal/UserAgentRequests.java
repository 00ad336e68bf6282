package org.sipdrop.sip.internal;

import java.text.ParseException;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipStatus;

/**
 * The server side of a user agent: MESSAGE (RFC 3428 §7), NOTIFY of its subscriptions
 * (RFC 6665 §4.1.3; unknown ones get 481), INVITE / re-INVITE / ACK / BYE / CANCEL of its calls
 * (RFC 3261 §13–15; a request for an unknown dialog gets 481).
 */
final class UserAgentRequests {

    private final UserAgentImpl ua;
    private final RequestFactory f;

    UserAgentRequests(UserAgentImpl ua) {
        this.ua = ua;
        this.f = ua.factory();
    }

    void registerWith(RequestRouter router) {
        router.register(Request.MESSAGE, (RequestHandler) this::message);
        router.register(Request.NOTIFY, (RequestHandler) this::notify);
        router.register(Request.INVITE, (RequestHandler) this::invite);
        router.register(Request.ACK, (RequestHandler) this::ack);
        router.register(Request.BYE, (RequestHandler) this::bye);
        router.register(Request.CANCEL, (RequestHandler) this::cancel);
    }

    void strayResponse(javax.sip.ResponseEvent event) {
        Response r = event.getResponse();
        String callId = ((javax.sip.header.CallIdHeader) r.getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        CallBase call = ua.calls.get(callId);
        if (call instanceof OutgoingCall && r.getStatusCode() >= 200 && r.getStatusCode() < 300) {
            ((OutgoingCall) call).retransmitted2xx(event);
        }
    }

    private void reply(RequestEvent e, SipProvider p, int status, String reason) throws ParseException, SipException, InvalidArgumentException {
        Response r = f.messages.createResponse(status, e.getRequest());
        if (reason != null) {
            r.setReasonPhrase(reason);
        }
        RequestHandler.transaction(e, p).sendResponse(r);
    }

    private void message(RequestEvent e, SipProvider p) throws ParseException, SipException, InvalidArgumentException {
        Function<IncomingRequest, SipStatus> h = ua.messageHandler;
        if (h == null) {
            reply(e, p, Response.TEMPORARILY_UNAVAILABLE, "No one reads messages here");
            return;
        }
        SipStatus status;
        try {
            status = h.apply(SipMessages.request(e.getRequest()));
        } catch (RuntimeException ex) {
            status = new SipStatus(500, "Server Internal Error");
        }
        reply(e, p, status.code(), status.reason());
    }

    private void notify(RequestEvent e, SipProvider p) throws ParseException, SipException, InvalidArgumentException {
        IncomingRequest n = SipMessages.request(e.getRequest());
        SubscriptionImpl s = ua.subscriptions.get(n.callId());
        if (s == null) {
            reply(e, p, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        reply(e, p, Response.OK, null);
        s.notified(n);
        if (!s.isActive()) {
            ua.subscriptions.remove(n.callId());
        }
    }

    private void invite(RequestEvent e, SipProvider p) throws ParseException, SipException, InvalidArgumentException {
        Request req = e.getRequest();
        IncomingRequest in = SipMessages.request(req);
        String toTag = ((ToHeader) req.getHeader(ToHeader.NAME)).getTag();
        if (toTag != null) {
            reinvite(e, p, in);
            return;
        }
        Consumer<IncomingCall> h = ua.inviteHandler;
        if (h == null) {
            reply(e, p, Response.TEMPORARILY_UNAVAILABLE, "Not taking calls");
            return;
        }
        ServerTransaction st = RequestHandler.transaction(e, p);
        if (st.getDialog() == null) {
            p.getNewDialog(st);
        }
        IncomingCallImpl call = new IncomingCallImpl(st, in, p, f);
        ua.calls.put(call.callId(), call);
        call.ended().whenComplete((v, x) -> ua.calls.remove(call.callId()));
        h.accept(call);
    }

    /**
     * A re-INVITE of an established call (RFC 3261 §14.2). With an offer, the call's handler
     * answers it (a session refresh of RFC 4028 repeats the last offer, which the handler answers
     * unchanged) or refuses it: 488, and the session stays as it was. Without a body the peer asks
     * for an offer (§14.2, RFC 3264 §8): the 200 carries the session description this side
     * sent last, unchanged, and the ACK carries the peer's answer. A handler that fails gets 500:
     * the session stays as it was.
     */
    private void reinvite(RequestEvent e, SipProvider p, IncomingRequest in) throws ParseException, SipException, InvalidArgumentException {
        CallBase call = ua.calls.get(in.callId());
        if (call == null) {
            reply(e, p, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        SipBody answer;
        if (in.body().isEmpty()) {
            answer = call.local;
        } else {
            try {
                answer = call.handler.reinvited(call, in.body().get());
            } catch (RuntimeException x) {
                System.getLogger(UserAgentRequests.class.getName()).log(System.Logger.Level.WARNING,
                        "A re-INVITE handler failed on " + in.callId(), x);
                reply(e, p, Response.SERVER_INTERNAL_ERROR, "Server Internal Error (cannot answer this offer)");
                return;
            }
        }
        if (answer == null) {
            reply(e, p, Response.NOT_ACCEPTABLE_HERE, "Not Acceptable Here");
            return;
        }
        if (in.body().isPresent()) {
            call.remote = in.body().get();
            call.local = answer;
        }
        Response ok = f.messages.createResponse(Response.OK, e.getRequest());
        ok.addHeader(f.contact());
        SipMessages.setBody(ok, answer, f.headers);
        RequestHandler.transaction(e, p).sendResponse(ok);
    }

    private void ack(RequestEvent e, SipProvider p) {
        String callId = ((javax.sip.header.CallIdHeader) e.getRequest().getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        CallBase call = ua.calls.get(callId);
        if (call instanceof IncomingCallImpl) {
            ((IncomingCallImpl) call).acked();
        }
        SipBody answer = call == null ? null : SipMessages.body(e.getRequest());
        if (answer != null) { // the answer to the offer in our 200 to a body-less re-INVITE (RFC 3261 §14.2)
            call.remote = answer;
        }
    }

    private void bye(RequestEvent e, SipProvider p) throws ParseException, SipException, InvalidArgumentException {
        String callId = ((javax.sip.header.CallIdHeader) e.getRequest().getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        CallBase call = ua.calls.remove(callId);
        reply(e, p, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
        if (call != null) {
            call.byeReceived(e.getRequest());
        }
    }

    private void cancel(RequestEvent e, SipProvider p) throws ParseException, SipException, InvalidArgumentException {
        String callId = ((javax.sip.header.CallIdHeader) e.getRequest().getHeader(javax.sip.header.CallIdHeader.NAME)).getCallId();
        CallBase call = ua.calls.get(callId);
        reply(e, p, call == null ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.OK, null);
        if (call instanceof IncomingCallImpl) {
            ((IncomingCallImpl) call).cancelled();
        }
    }
}
