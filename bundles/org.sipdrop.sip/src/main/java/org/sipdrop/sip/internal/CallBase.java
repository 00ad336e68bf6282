package org.sipdrop.sip.internal;

import java.io.IOException;
import java.text.ParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.ResponseEvent;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

import org.sipdrop.sip.Call;
import org.sipdrop.sip.CallHandler;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipReason;
import org.sipdrop.sip.SipResponse;

/** What placed and received calls share: the dialog, re-INVITE, BYE and the end (RFC 3261 §12–15). */
abstract class CallBase implements Call {

    final String callId;
    final String peer;
    final SipProvider provider;
    final RequestFactory factory;
    final CompletableFuture<SipResponse> established = new CompletableFuture<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    volatile Dialog dialog;
    volatile SipBody remote;
    /** The session description this side sent last: its offer (placed) or answer (received), then re-INVITE answers. */
    volatile SipBody local;
    volatile CallHandler handler;
    private volatile SipReason peerReason;

    CallBase(String callId, String peer, SipProvider provider, RequestFactory factory, CallHandler handler) {
        this.callId = callId;
        this.peer = peer;
        this.provider = provider;
        this.factory = factory;
        this.handler = handler == null ? new CallHandler() { } : handler;
    }

    @Override
    public String callId() {
        return callId;
    }

    @Override
    public String peer() {
        return peer;
    }

    /**
     * @return a copy of the call's own future: a caller's {@code orTimeout} or {@code complete}
     *         on it must not end the call (an {@code orTimeout} on the shared future once made an
     *         unanswered INVITE look answered, so it was never CANCELled, and a call look ended,
     *         so its BYE was never sent)
     */
    @Override
    public CompletableFuture<SipResponse> established() {
        return established.copy();
    }

    @Override
    public Optional<SipBody> remoteBody() {
        return Optional.ofNullable(remote);
    }

    /** @return a copy of the call's own future, for the reason given at {@link #established()} */
    @Override
    public CompletableFuture<Void> ended() {
        return ended.copy();
    }

    /** Marks the call over and tells the handler once. */
    void end(String reason) {
        if (ended.complete(null)) {
            if (!established.isDone()) {
                established.completeExceptionally(new IOException("Call ended before it was established: " + reason));
            }
            try {
                handler.ended(this, reason);
            } catch (RuntimeException e) {
                System.getLogger(CallBase.class.getName()).log(System.Logger.Level.WARNING, "A call handler failed", e);
            }
        }
    }

    /** Sends an in-dialog request (BYE, re-INVITE) and completes with its final response. */
    CompletableFuture<SipResponse> inDialog(String method, SipBody body) {
        return inDialog(method, body, null);
    }

    /** As {@link #inDialog(String, SipBody)}, with a Reason header (RFC 3326) when {@code reason} is not null. */
    CompletableFuture<SipResponse> inDialog(String method, SipBody body, SipReason reason) {
        Dialog d = dialog;
        if (d == null || ended.isDone()) {
            return CompletableFuture.failedFuture(new IOException(method + " needs an established call"));
        }
        try {
            Request r = d.createRequest(method);
            if (body != null) {
                SipMessages.setBody(r, body, factory.headers);
            }
            if (reason != null) {
                r.addHeader(factory.headers.createHeader("Reason", reason.format()));
            }
            CompletableFuture<SipResponse> f = new CompletableFuture<>();
            ClientTransaction ct = provider.getNewClientTransaction(r);
            ct.setApplicationData(new ResponseCallback() {
                @Override
                public void response(ResponseEvent event, ClientTransaction t) {
                    Response resp = event.getResponse();
                    if (resp.getStatusCode() < 200) {
                        return;
                    }
                    if (Request.INVITE.equals(method) && resp.getStatusCode() < 300) {
                        ack(event);
                        remote = SipMessages.body(resp);
                        if (body != null) {
                            local = body;
                        }
                    }
                    f.complete(SipMessages.response(resp));
                }

                @Override
                public void failed(String reason) {
                    f.completeExceptionally(new IOException(reason));
                }
            });
            d.sendRequest(ct);
            return f;
        } catch (SipException | ParseException | RuntimeException e) {
            return CompletableFuture.failedFuture(new IOException("Cannot send " + method + ": " + e.getMessage(), e));
        }
    }

    /** RFC 3261 §13.2.2.4: ACK every 2xx to an INVITE, retransmissions too. */
    void ack(ResponseEvent event) {
        ack(event.getDialog() != null ? event.getDialog() : dialog, event.getResponse());
    }

    void ack(Dialog d, Response response) {
        if (d == null) {
            return;
        }
        try {
            long seq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            d.sendAck(d.createAck(seq));
        } catch (SipException | InvalidArgumentException e) {
            System.getLogger(CallBase.class.getName()).log(System.Logger.Level.WARNING, "Cannot ACK " + callId, e);
        }
    }

    @Override
    public CompletableFuture<SipResponse> reinvite(SipBody offer) {
        return inDialog(Request.INVITE, offer);
    }

    @Override
    public Optional<SipReason> peerReason() {
        return Optional.ofNullable(peerReason);
    }

    /** Sends BYE, with the Reason if given, and ends the call when it is answered. */
    void bye(SipReason reason) {
        inDialog(Request.BYE, null, reason).whenComplete((r, e) -> end(e != null ? "BYE failed: " + e.getMessage() : "hung up"));
    }

    /**
     * A BYE from the peer arrived (already answered 200); the first Reason value with protocol
     * SIP it carries (RFC 3326 §2) is kept for {@link #peerReason()} before the call ends.
     */
    void byeReceived(Request bye) {
        java.util.List<String> values = SipMessages.headers(bye).getOrDefault("reason", java.util.List.of());
        for (String v : values) {
            Optional<SipReason> r = SipReason.parse(v);
            if (r.isPresent()) {
                peerReason = r.get();
                break;
            }
        }
        end("the peer hung up (BYE)" + (peerReason == null ? "" : ": " + peerReason.cause() + " " + peerReason.text()));
    }
}
