package org.sipdrop.sip.internal.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * The stateful proxy core (RFC 3261 §16): loop detection (§16.3 step 4, with the branch
 * computed as §16.6 step 8 suggests), 100 Trying for INVITE (§16.2), forking to every target,
 * CANCEL matching (§16.10), stateless relay of ACKs for 2xx (§16.11) and of stray 2xx
 * retransmissions (§16.7 step 1).
 * <p>
 * A stray 2xx is relayed to the Via below ours, so anybody could send one with a copy of our Via
 * on top and any address below it, and we would deliver it there. Each branch therefore ends in
 * a MAC ({@link ServerSecret}) over its own identifier and the Via below it, as that Via was
 * when we forwarded the request; a stray 2xx is relayed only when they still match.
 */
final class Proxy {

    private static final System.Logger LOG = System.getLogger(Proxy.class.getName());
    /** Our branches: the magic cookie (RFC 3261 §8.1.1.7), a marker, the loop hash, a counter. */
    private static final String PREFIX = "z9hG4bKsd";

    private final ServerContext ctx;
    private final Map<String, ProxyTransaction> invites = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();

    /** Where a request goes: a URI and, for UAs connected over TCP or TLS, their connection ({@link Flows}). */
    record Target(URI uri, URI flow) {
        static Target of(URI uri) {
            return new Target(uri, null);
        }
    }

    Proxy(ServerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Forwards {@code request} to {@code targets} statefully.
     *
     * @param retarget false for a loose-routed request in a dialog: its Request-URI stays (§16.4)
     */
    void forward(Request request, ServerTransaction st, List<Target> targets, boolean retarget) throws ParseException {
        String loop = loopHash(request);
        if (seenBefore(request, loop)) {
            ctx.reply(st, request, Response.LOOP_DETECTED, null);
            return;
        }
        boolean invite = Request.INVITE.equals(request.getMethod());
        if (invite) {
            ctx.send(st, ctx.messages.createResponse(Response.TRYING, request));
        }
        String key = invite ? transactionKey(request) : null;
        ProxyTransaction pt = new ProxyTransaction(ctx, st, request, () -> {
            if (key != null) {
                invites.remove(key);
            }
        });
        if (key != null) {
            invites.put(key, pt);
        }
        boolean initial = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag() == null;
        boolean recordRoute = initial && (invite || Request.SUBSCRIBE.equals(request.getMethod())
                || Request.REFER.equals(request.getMethod()));
        for (Target target : targets) {
            pt.fork(target, retarget, recordRoute, branch(loop, (ViaHeader) request.getHeader(ViaHeader.NAME)));
        }
        pt.seal();
    }

    /** §16.10: 200 to the CANCEL, then CANCEL the branches; 481 when the INVITE is unknown. */
    void cancel(Request cancel, ServerTransaction st) throws ParseException {
        ProxyTransaction pt = invites.get(transactionKey(cancel));
        if (pt == null) {
            ctx.reply(st, cancel, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, null);
            return;
        }
        ctx.send(st, ctx.response(Response.OK, cancel));
        pt.cancel();
    }

    /** §16.11-style stateless relay of an ACK for a 2xx (or any request we keep no state for). */
    void forwardStateless(Request request) {
        try {
            Request copy = (Request) request.clone();
            MaxForwardsHeader mf = (MaxForwardsHeader) copy.getHeader(MaxForwardsHeader.NAME);
            if (mf != null) {
                if (mf.getMaxForwards() == 0) {
                    return;
                }
                mf.decrementMaxForwards();
            }
            String out = ctx.transportTo(ctx.nextHopUri(copy));
            copy.addFirst(ctx.via(out, PREFIX + loopHash(request) + ".0"));
            ctx.provider.sendRequest(copy);
        } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Cannot relay " + request.getMethod() + ": " + e.getMessage());
        }
    }

    /** A response to one of our client transactions, or a stray one (e.g. a retransmitted 2xx). */
    void response(ClientTransaction ct, Response response) {
        Object data = ct == null ? null : ct.getApplicationData();
        if (data instanceof ProxyTransaction.Branch) {
            ProxyTransaction.Branch b = (ProxyTransaction.Branch) data;
            b.owner().onResponse(b, response);
            return;
        }
        if (ct == null && response.getStatusCode() / 100 == 2) {
            ListIterator<?> vias = response.getHeaders(ViaHeader.NAME);
            ViaHeader top = vias.hasNext() ? (ViaHeader) vias.next() : null;
            ViaHeader below = vias.hasNext() ? (ViaHeader) vias.next() : null;
            if (top != null && below != null && ctx.domain.isLocalHost(top.getHost()) && ours(top.getBranch(), below)) {
                Response relayed = (Response) response.clone();
                relayed.removeFirst(ViaHeader.NAME);
                ctx.send(null, relayed);
            }
        }
    }

    /** @return a new branch: our prefix, the loop hash, a counter, and the MAC binding them to the Via below ours */
    private String branch(String loop, ViaHeader below) {
        String id = loop + "." + counter.incrementAndGet();
        return PREFIX + id + "." + ctx.secret.mac(signed(id, below), 8);
    }

    /** @return whether {@code branch} is one of ours, made for a request whose Via below ours was {@code below} */
    private boolean ours(String branch, ViaHeader below) {
        if (branch == null || !branch.startsWith(PREFIX)) {
            return false;
        }
        int mac = branch.lastIndexOf('.');
        String id = branch.substring(PREFIX.length(), Math.max(PREFIX.length(), mac));
        return mac > PREFIX.length() && ServerSecret.same(branch.substring(mac + 1), ctx.secret.mac(signed(id, below), 8));
    }

    /** What a branch MAC covers: its identifier and every part of the Via below that says where a response goes (§18.2.2). */
    private static String signed(String id, ViaHeader below) {
        return "branch\n" + id + "\n" + below.getTransport() + "\n" + below.getHost() + "\n" + below.getPort() + "\n"
                + below.getReceived() + "\n" + below.getRPort() + "\n" + below.getMAddr() + "\n" + below.getBranch();
    }

    void timeout(ClientTransaction ct) {
        Object data = ct.getApplicationData();
        if (data instanceof ProxyTransaction.Branch) {
            ProxyTransaction.Branch b = (ProxyTransaction.Branch) data;
            b.owner().onTimeout(b);
        }
    }

    /** RFC 3261 §17.2.3: a transaction is named by the top Via's branch and sent-by. */
    private static String transactionKey(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via.getBranch() + "|" + via.getHost() + ":" + via.getPort();
    }

    /** §16.3 step 4: one of our Vias carries the branch hash this very request would get: a loop. */
    private boolean seenBefore(Request request, String loop) {
        for (ListIterator<?> it = request.getHeaders(ViaHeader.NAME); it.hasNext();) {
            ViaHeader via = (ViaHeader) it.next();
            String branch = via.getBranch();
            if (branch != null && branch.startsWith(PREFIX + loop + ".") && ctx.domain.isLocalHost(via.getHost())) {
                return true;
            }
        }
        return false;
    }

    /**
     * §16.6 step 8: a hash of what identifies the request as received — Request-URI, tags,
     * Call-ID, CSeq number — so a request that comes back unchanged is recognised. The top Via is
     * left out (it is ours when the request comes back); a counter keeps branches unique.
     */
    static String loopHash(Request request) {
        StringBuilder s = new StringBuilder();
        s.append(request.getRequestURI()).append('|');
        s.append(((FromHeader) request.getHeader(FromHeader.NAME)).getTag()).append('|');
        s.append(((ToHeader) request.getHeader(ToHeader.NAME)).getTag()).append('|');
        s.append(((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId()).append('|');
        s.append(((CSeqHeader) request.getHeader(CSeqHeader.NAME)).getSeqNumber()).append('|');
        s.append(request.getMethod().equals(Request.ACK) ? "ACK" : "");
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", d[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
