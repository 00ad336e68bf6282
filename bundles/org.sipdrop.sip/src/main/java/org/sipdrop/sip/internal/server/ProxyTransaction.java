package org.sipdrop.sip.internal.server;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ObjectInUseException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.TransactionState;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * One stateful proxy transaction (RFC 3261 §16): the server transaction of the request received
 * and one client transaction per target ("branch", §16.6). Relays provisional responses (not
 * 100, §16.7 step 5), every 2xx at once, a 6xx at once; otherwise waits for all branches and
 * relays the best final response (§16.7 step 6). CANCEL reaches every pending branch (§16.10).
 * Timer C (§16.6 step 11, §16.8) ends an INVITE branch that gets no final response.
 */
final class ProxyTransaction {

    private static final System.Logger LOG = System.getLogger(ProxyTransaction.class.getName());
    /** RFC 3261 §9.1: 64*T1, how long a cancelled INVITE's final response may take. */
    private static final long CANCEL_GRACE_MILLIS = 64 * 500;

    /** A client transaction of this proxy transaction. */
    final class Branch {
        final String id;
        ClientTransaction client;
        boolean provisional;
        boolean done;
        boolean cancelSent;
        /** §16.6 step 11: INVITE branches only; reset by every provisional response but 100. */
        ScheduledFuture<?> timerC;
        /** Which start of Timer C is the current one: a firing that lost the race with a reset is ignored. */
        int timerCRun;

        Branch(String id) {
            this.id = id;
        }

        ProxyTransaction owner() {
            return ProxyTransaction.this;
        }
    }

    private final ServerContext ctx;
    private final ServerTransaction server;
    private final Request original;
    private final boolean invite;
    private final List<Branch> branches = new ArrayList<>();
    private Response best;
    private boolean finalSent;
    private boolean cancelled;
    private boolean sealed;
    private final Runnable onDone;

    ProxyTransaction(ServerContext ctx, ServerTransaction server, Request original, Runnable onDone) {
        this.ctx = ctx;
        this.server = server;
        this.original = original;
        this.invite = Request.INVITE.equals(original.getMethod());
        this.onDone = onDone;
    }

    /**
     * §16.6: copies the request, retargets it (unless loose-routed in a dialog), decrements
     * Max-Forwards, adds Record-Route (two when the transport changes, RFC 5658 §4; both carry the
     * dialog's token) and our Via, and sends it on a new client transaction.
     */
    synchronized void fork(Proxy.Target target, boolean retarget, boolean recordRoute, String branchId) {
        Branch b = new Branch(branchId);
        branches.add(b);
        try {
            Request copy = (Request) original.clone();
            if (retarget) {
                copy.setRequestURI((URI) target.uri().clone());
            }
            MaxForwardsHeader mf = (MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME);
            if (mf == null) {
                copy.setHeader(ctx.headers.createMaxForwardsHeader(70));
            } else {
                mf.decrementMaxForwards();
            }
            URI flow = ServerContext.usableFlow(copy.getRequestURI(), target.flow());
            String out = ctx.transportTo(flow != null ? flow : ctx.nextHopUri(copy));
            if (recordRoute) {
                String in = ((ViaHeader) original.getHeader(ViaHeader.NAME)).getTransport().toLowerCase(java.util.Locale.ROOT);
                if (ctx.listensOn(in) && !in.equals(out)) {
                    copy.addFirst(recordRoute(in));
                }
                copy.addFirst(recordRoute(out));
            }
            b.client = ctx.sendNew(copy, flow, branchId, b);
            if (invite) {
                startTimerC(b);
            }
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot forward to " + target.uri() + ": " + e.getMessage());
            b.done = true;
            synthetic(Response.TEMPORARILY_UNAVAILABLE, "Temporarily Unavailable (contact unreachable)");
        }
    }

    /** §16.6 step 4: our URI on {@code transport}, marked with the dialog's token ({@link DialogTokens}). */
    private RecordRouteHeader recordRoute(String transport) throws ParseException {
        SipURI uri = ctx.uri(transport, true);
        ctx.dialogs.mark(uri, original);
        return ctx.headers.createRecordRouteHeader(ctx.addresses.createAddress(uri));
    }

    synchronized void onResponse(Branch b, Response received) {
        int status = received.getStatusCode();
        if (status == Response.TRYING) {
            b.provisional = true;
            sendPendingCancel(b);
            return;
        }
        Response relayed = relayable(received);
        if (status < 200) {
            b.provisional = true;
            if (invite && !b.done) {
                startTimerC(b); // §16.7 step 2
            }
            sendPendingCancel(b);
            if (!finalSent) {
                ctx.send(server, relayed);
            }
            return;
        }
        boolean again = b.done;
        b.done = true;
        stopTimerC(b);
        if (status < 300) {
            if (!finalSent) {
                ctx.send(server, relayed);
                finalSent = true;
                if (invite) {
                    cancelPending();
                }
            } else if (invite) {
                // §16.7 step 5: every 2xx to an INVITE goes on (other forks, retransmissions);
                // a non-INVITE gets one final response only
                ctx.sendLate(server, relayed);
            }
        } else if (status >= 600 && !finalSent) {
            ctx.send(server, relayed);
            finalSent = true;
            cancelPending();
        } else if (!again) {
            consider(relayed);
        }
        finishIfComplete();
    }

    /**
     * §16.7 step 3: the response without our Via. The Vias below ours are those of the request
     * as we received it (§8.2.6.2 requires the response to echo them), not whatever the next hop
     * wrote: otherwise a callee could name any address in the second Via and have us deliver its
     * response there.
     */
    private Response relayable(Response received) {
        Response relayed = (Response) received.clone();
        relayed.removeHeader(ViaHeader.NAME);
        try {
            for (ListIterator<?> it = original.getHeaders(ViaHeader.NAME); it.hasNext();) {
                relayed.addLast((ViaHeader) ((ViaHeader) it.next()).clone());
            }
        } catch (SipException impossible) { // thrown for single-valued headers only
            throw new IllegalStateException(impossible);
        }
        return relayed;
    }

    /** §16.8: a branch that timed out counts as a 408 from it. */
    synchronized void onTimeout(Branch b) {
        stopTimerC(b);
        if (!b.done) {
            b.done = true;
            synthetic(Response.REQUEST_TIMEOUT, null);
        }
    }

    private void startTimerC(Branch b) {
        stopTimerC(b);
        int run = b.timerCRun;
        b.timerC = ctx.timer.schedule(() -> onTimerC(b, run), ctx.config.timerC().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void stopTimerC(Branch b) {
        b.timerCRun++;
        if (b.timerC != null) {
            b.timerC.cancel(false);
            b.timerC = null;
        }
    }

    /**
     * §16.8: a branch that rang (a provisional response) is cancelled, one that did not counts as
     * a 408; either way the caller is answered now, as if the branch had answered 408. The client
     * transaction is destroyed once the callee had 64*T1 to answer the CANCEL (§9.1), or Timer C
     * when that is shorter, so a callee that never answers cannot keep it.
     */
    private synchronized void onTimerC(Branch b, int run) {
        if (b.done || run != b.timerCRun) {
            return;
        }
        b.timerC = null;
        if (b.provisional && !b.cancelSent && b.client != null) {
            b.cancelSent = true;
            sendCancel(b);
        }
        ClientTransaction client = b.client;
        if (client != null) {
            long grace = Math.min(CANCEL_GRACE_MILLIS, ctx.config.timerC().toMillis());
            ctx.timer.schedule(() -> terminate(client), grace, TimeUnit.MILLISECONDS);
        }
        b.done = true;
        synthetic(Response.REQUEST_TIMEOUT, null);
    }

    /** Ends {@code client} if it still waits for a final response (one that got it ends by itself). */
    private static void terminate(ClientTransaction client) {
        TransactionState state = client.getState();
        if (state == TransactionState.CALLING || state == TransactionState.PROCEEDING) {
            try {
                client.terminate();
            } catch (ObjectInUseException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Cannot end client transaction " + client.getBranchId() + ": " + e.getMessage());
            }
        }
    }

    private void synthetic(int status, String reason) {
        try {
            Response r = ctx.response(status, original);
            if (reason != null) {
                r.setReasonPhrase(reason);
            }
            consider(r);
        } catch (ParseException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot build " + status, e);
        }
        finishIfComplete();
    }

    /** §16.7 step 6: keep the response of the lowest class; a 503 is relayed as 500. */
    private void consider(Response r) {
        if (best == null || r.getStatusCode() / 100 < best.getStatusCode() / 100) {
            best = r;
        }
    }

    /** Called once every branch is forked: from now on the last final response completes the transaction. */
    synchronized void seal() {
        sealed = true;
        finishIfComplete();
    }

    private void finishIfComplete() {
        if (sealed && branches.stream().allMatch(x -> x.done)) {
            if (!finalSent && best != null) {
                ToHeader to = (ToHeader) best.getHeader(ToHeader.NAME);
                try {
                    if (best.getStatusCode() == Response.SERVICE_UNAVAILABLE) {
                        best.setStatusCode(Response.SERVER_INTERNAL_ERROR);
                    }
                    if (to.getTag() == null) {
                        to.setTag(ServerContext.newTag());
                    }
                } catch (ParseException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Cannot adjust " + best.getStatusCode(), e);
                }
                ctx.send(server, best);
                finalSent = true;
            }
            onDone.run();
        }
    }

    /** §16.10: CANCEL every branch still pending; a branch without a provisional response yet gets it later. */
    synchronized void cancel() {
        cancelled = true;
        cancelPending();
    }

    private void cancelPending() {
        if (!invite) {
            return;
        }
        cancelled = true;
        for (Branch b : branches) {
            sendPendingCancel(b);
        }
    }

    private void sendPendingCancel(Branch b) {
        if (!cancelled || b.done || b.cancelSent || !b.provisional || b.client == null) {
            return;
        }
        b.cancelSent = true;
        sendCancel(b);
    }

    private void sendCancel(Branch b) {
        try {
            Request cancel = b.client.createCancel();
            ClientTransaction ct = ctx.provider.getNewClientTransaction(cancel);
            ct.sendRequest();
        } catch (SipException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot CANCEL branch " + b.id + ": " + e.getMessage());
        }
    }
}
