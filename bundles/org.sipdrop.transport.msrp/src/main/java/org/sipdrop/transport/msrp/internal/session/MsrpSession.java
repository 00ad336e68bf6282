package org.sipdrop.transport.msrp.internal.session;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

import org.sipdrop.transport.msrp.internal.codec.AcceptTypes;
import org.sipdrop.transport.msrp.internal.codec.BodyReader;
import org.sipdrop.transport.msrp.internal.codec.ContinuationFlag;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpStatus;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.net.MsrpConnection;

/**
 * One MSRP session (RFC 4975 §5): a local URI with a fresh session-id, the local path offered in
 * SDP (with a relay's Use-Path in front, RFC 4976 §5), the peer's path, and the connection it is
 * bound to. The active side (RFC 6135 {@code a=setup:active}, or an endpoint using a relay)
 * connects to the first hop and binds the session with its first SEND, a bodiless one when it
 * has nothing to send yet (RFC 4975 §5.4); the passive side waits for that SEND. Carries one
 * message, the file: {@link #send} or {@link #receive}; or one small message whose length only
 * the sender knows, e.g. a content-indirection offer: {@link #receiveUpTo}.
 * <p>
 * Binding is where a session can be hijacked (RFC 4975 §5.4, §14.1, §14.2): over plain TCP, and
 * over TLS without a client certificate or an SDP fingerprint (§14.4), whoever presents the
 * session's URI first is taken for the peer, and the URI travels in SDP that third parties may
 * see. So the passive side
 * <ul>
 * <li>checks the From-Path of the binding request against the peer's SDP path, also when the
 * request came before that path was known here (then it is checked once it is known);</li>
 * <li>treats a second connection that claims the session as an attack on it: the claim is
 * answered 506 (§5.4), the session fails with "a second connection claimed the MSRP session",
 * and nothing it received counts. Either connection may be the third party's, so neither is
 * believed;</li>
 * <li>trusts a direct binding (From-Path of one URI: no relay, whose connection is authenticated
 * by TLS and AUTH, RFC 4976) only after it stood unchallenged for
 * {@link StackConfig#bindingSettleMillis()}: a message counts as received, or this side's own
 * message starts, no earlier. The legitimate peer connects as soon as the SDP exchange is done
 * (§5.4: the active side MUST send at once), so a third party that connected first and sent a
 * whole small file before the peer came is still caught when the peer's connection arrives.</li>
 * <li>when the peer's own URI names a non-loopback IP address and no relay is in between,
 * refuses (481) a direct connection from another address ({@link PeerHost}); the timeout then
 * says which address was refused.</li>
 * </ul>
 * An active session connects itself, so a request claiming it on a connection it did not open
 * (before it did) is such a second connection too. None of this authenticates the bytes: only
 * TLS with a checked certificate or fingerprint does (§14.2, §14.4), or, for a file, the hash in
 * the offer (RFC 5547 §6) that the receiver verifies.
 */
public final class MsrpSession implements Closeable {

    private final MsrpStack stack;
    private final String id;
    private final MsrpUri localUri;
    private final List<MsrpUri> localPath;
    /** Guarded by {@link #lock}: an actpass offerer's session may turn active once the answer is in. */
    private boolean active;
    private final Object lock = new Object();
    private MsrpConnection connection;
    private List<MsrpUri> remotePath;
    /** The From-Path of the request that bound an accepted connection, checked once the peer is known. */
    private List<MsrpUri> binderFromPath;
    /** {@link System#nanoTime()} from which a direct passive binding is trusted, or null: nothing to settle. */
    private Long settledAt;
    /** True once a third party was seen in the session: it takes no more requests (481). */
    private boolean attacked;
    /** The last address refused by the peer host check, for the timeout's message, or null. */
    private String refusedHost;
    private IncomingMessage incoming;
    private OutgoingMessage outgoing;
    private IOException failure;
    private boolean closed;

    MsrpSession(MsrpStack stack, String id, MsrpUri localUri, List<MsrpUri> relayPath, boolean active) {
        this.stack = stack;
        this.id = id;
        this.localUri = localUri;
        List<MsrpUri> path = new ArrayList<>(relayPath);
        path.add(localUri);
        this.localPath = List.copyOf(path);
        this.active = active;
    }

    /** @return the session-id (RFC 4975 §6) */
    public String id() {
        return id;
    }

    /** @return this endpoint's URI, the last of {@link #localPath()} */
    public MsrpUri localUri() {
        return localUri;
    }

    /** @return the path to put in SDP {@code a=path} (RFC 4975 §8.1), relays first */
    public List<MsrpUri> localPath() {
        return localPath;
    }

    /** @return true if this side opens the connection (RFC 6135) */
    public boolean isActive() {
        synchronized (lock) {
            return active;
        }
    }

    /**
     * Makes a session opened to wait ({@code a=setup:actpass} in this side's offer) the one that
     * connects, as the answer said: {@code passive}, or no a=setup at all from an RFC 4975
     * answerer, whose offerer connects (RFC 6135 §4.2.2, RFC 4975 §5.4). Call before
     * {@link #send} or {@link #receive}. The answerer that said so never connects; a direct
     * connection that bound the session meanwhile is a third party's, and the session fails
     * (RFC 4975 §14).
     */
    public void becomeActive() {
        synchronized (lock) {
            if (active) {
                return;
            }
            active = true;
            if (connection != null && binderFromPath != null && binderFromPath.size() == 1) {
                attackedBy(new IOException("The MSRP session " + id + " was bound on " + connection.description()
                        + " by " + binderFromPath.get(0) + " although the peer's answer left connecting to this side"
                        + " (RFC 6135 §4.2.2, RFC 4975 §14): nothing it sent is taken"));
            }
        }
    }

    /**
     * Sends one message of {@code length} bytes and returns once the receiver reported it whole.
     *
     * @param remote the peer's path from SDP (relays first, its URI last)
     * @param source positioned at the first byte
     * @param length bytes to send
     * @param contentType media type of the body
     * @param progress told the bytes the receiver confirmed by REPORT
     */
    public void send(List<MsrpUri> remote, ReadableByteChannel source, long length, String contentType,
            LongConsumer progress) throws IOException {
        MsrpConnection c = connect(remote, false);
        Trace.mark("msrp.sending");
        OutgoingMessage out = new OutgoingMessage(c, toPath(), List.of(localUri), length,
                stack.chunkSizeFor(toPath()), contentType, progress, stack.config().sessionTimeoutMillis());
        synchronized (lock) {
            checkUsable();
            if (incoming != null || outgoing != null) {
                throw new IllegalStateException("This MSRP session already carries a message");
            }
            outgoing = out;
        }
        out.run(source);
    }

    /**
     * Receives one message of {@code length} bytes and returns once it is whole; a success
     * REPORT tells the sender (RFC 4975 §7.1.2).
     *
     * @param remote the peer's path from SDP
     * @param sink where the bytes go; seekable sinks take out-of-order chunks
     * @param length bytes expected
     * @param progress told the bytes received
     */
    public void receive(List<MsrpUri> remote, WritableByteChannel sink, long length, LongConsumer progress)
            throws IOException {
        receive(remote, sink, length, AcceptTypes.ANY, progress);
    }

    /**
     * As {@link #receive(List, WritableByteChannel, long, LongConsumer)}, for a session whose SDP
     * accepted only {@code accepted}: a chunk of another Content-Type is answered 415 (RFC 4975
     * §7.3.1). A file wrapped in message/cpim is unwrapped when message/cpim is accepted.
     */
    public void receive(List<MsrpUri> remote, WritableByteChannel sink, long length, AcceptTypes accepted,
            LongConsumer progress) throws IOException {
        awaitWhole(remote, new IncomingMessage(sink, length, accepted, progress));
    }

    /**
     * Receives one message whose length only the sender knows, up to {@code max} bytes (a
     * page-mode message such as an RFC 4483 offer in a plain message session, RFC 4975 §7.1);
     * returns once it is whole, a success REPORT telling the sender.
     *
     * @param remote the peer's path from SDP
     * @param sink where the bytes go, in order
     * @param max the largest message taken; a longer one is answered 413
     * @return the message's Content-Type
     */
    public String receiveUpTo(List<MsrpUri> remote, WritableByteChannel sink, long max) throws IOException {
        IncomingMessage in = IncomingMessage.ofUnknownLength(sink, max, n -> { });
        awaitWhole(remote, in);
        return in.contentType().orElseThrow(() -> new IOException("The MSRP message had no Content-Type (RFC 4975 §7.1.1)"));
    }

    private void awaitWhole(List<MsrpUri> remote, IncomingMessage in) throws IOException {
        synchronized (lock) {
            checkUsable();
            if (incoming != null || outgoing != null) {
                throw new IllegalStateException("This MSRP session already carries a message");
            }
            learnPeer(remote); // before a waiting worker may write a chunk: its sender is checked first
            checkUsable();
            incoming = in;
            lock.notifyAll();
        }
        connect(remote, true);
        long deadline = System.nanoTime() + stack.config().sessionTimeoutMillis() * 1_000_000L;
        synchronized (lock) {
            long seen = -1;
            while (failure == null && !in.isComplete()) {
                if (in.received() != seen) {
                    seen = in.received();
                    deadline = System.nanoTime() + stack.config().sessionTimeoutMillis() * 1_000_000L;
                }
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    failure = new IOException("No MSRP chunk arrived for " + stack.config().sessionTimeoutMillis()
                            + " ms (" + in.received() + " of " + (in.expected() < 0 ? "?" : in.expected()) + " bytes received)");
                    break;
                }
                waitOn(left);
            }
            if (failure != null && !isWholeAndUnchallenged()) {
                throw new IOException(failure.getMessage(), failure);
            }
        }
    }

    /**
     * A message received whole, success REPORT sent, that no rival connection claimed: the
     * sender may close the connection at once (RFC 4975 §5.4), also while the binding is still
     * settling here; that does not undo the message. A claim by a second connection
     * ({@link #claimedBy}) still fails it until the settle time is over. Holds the lock.
     */
    private boolean isWholeAndUnchallenged() {
        return incoming != null && incoming.isComplete() && !incoming.isCancelled() && !attacked && !closed;
    }

    /** Binds as RFC 6135 says: the active side connects; the passive side waits for the peer. */
    private MsrpConnection connect(List<MsrpUri> remote, boolean bindWithBodilessSend) throws IOException {
        Objects.requireNonNull(remote, "remote");
        if (remote.isEmpty()) {
            throw new IllegalArgumentException("The peer's MSRP path is empty");
        }
        synchronized (lock) {
            checkUsable();
            learnPeer(remote);
            checkUsable();
        }
        if (isActive()) {
            MsrpConnection c = stack.connectionFor(this, toPath().get(0));
            Trace.mark("msrp.connected");
            synchronized (lock) {
                if (connection == null) {
                    connection = c;
                }
            }
            if (bindWithBodilessSend) {
                sendBodiless(c);
            }
            return c;
        }
        long deadline = System.nanoTime() + stack.config().sessionTimeoutMillis() * 1_000_000L;
        synchronized (lock) {
            while (connection == null && failure == null) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    throw new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.UNREACHABLE, "The peer did not connect to " + localUri + " within "
                            + stack.config().sessionTimeoutMillis() + " ms (a=setup:passive, RFC 6135)"
                            + (refusedHost == null ? "" : "; a connection from " + refusedHost + " was refused: the peer's"
                                    + " a=path names " + remotePath.get(0).host() + " (a peer behind NAT without a"
                                    + " relay needs the peer host check off)"));
                }
                waitOn(left);
            }
            Trace.mark("msrp.bound");
            awaitSettled();
            Trace.mark("msrp.settled");
            if (!isWholeAndUnchallenged()) {
                checkUsable();
            }
            return connection;
        }
    }

    /**
     * Records the peer's SDP path and checks the request that already bound the session, if
     * any, against it (RFC 4975 §5.4). Holds the lock.
     */
    private void learnPeer(List<MsrpUri> remote) {
        remotePath = List.copyOf(remote);
        if (binderFromPath != null && !isFromPeer(binderFromPath)) {
            attackedBy(new IOException("The MSRP session " + id + " was bound on " + connection.description() + " by "
                    + binderFromPath.get(binderFromPath.size() - 1) + ", not the negotiated peer "
                    + remote.get(remote.size() - 1) + " (RFC 4975 §5.4): nothing it sent is taken"));
        } else if (binderFromPath != null && binderFromPath.size() == 1 && !peerHostMatches(connection)) {
            attackedBy(new IOException("The MSRP session " + id + " was bound on " + connection.description()
                    + ", not from the address the peer's path names (" + remote.get(0).host()
                    + ", RFC 4975 §5.4): nothing it sent is taken"));
        }
    }

    /**
     * The peer host check (see the class comment).
     *
     * @param c a connection that carries a direct request for this session
     * @return false if the peer's path names another address than the one {@code c} comes from
     */
    boolean isFromPeerHost(MsrpConnection c) {
        synchronized (lock) {
            return remotePath == null || peerHostMatches(c);
        }
    }

    /** Holds the lock; the peer's path is known. */
    private boolean peerHostMatches(MsrpConnection c) {
        java.util.Optional<java.net.InetAddress> refused = stack.config().checkPeerHost()
                ? PeerHost.refused(remotePath, c.remoteAddress()) : java.util.Optional.empty();
        refused.ifPresent(a -> refusedHost = a.getHostAddress());
        return refused.isEmpty();
    }

    /** Waits until a direct passive binding stood unchallenged for the settle time, or the session failed. Holds the lock. */
    private void awaitSettled() throws IOException {
        while ((failure == null || isWholeAndUnchallenged()) && settledAt != null) {
            long left = (settledAt - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                break;
            }
            waitOn(left);
        }
    }

    /** The session met a third party: it fails, its message stops, later requests get 481. Holds the lock. */
    private void attackedBy(IOException why) {
        attacked = true;
        if (failure == null) {
            failure = why;
        }
        if (incoming != null) {
            incoming.cancel();
        }
        lock.notifyAll();
    }

    private void sendBodiless(MsrpConnection c) throws IOException {
        Signals.bodilessSend(c, toPath(), localUri, this::fail);
    }

    /** @return To-Path for requests: own relays' Use-Path, then the peer's path (RFC 4976 §5) */
    private List<MsrpUri> toPath() {
        List<MsrpUri> to = new ArrayList<>(localPath.subList(0, localPath.size() - 1));
        synchronized (lock) {
            to.addAll(remotePath);
        }
        return to;
    }

    private void waitOn(long millis) throws IOException {
        try {
            lock.wait(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting on MSRP session " + id);
        }
    }

    private void checkUsable() throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (closed) {
            throw new IOException("MSRP session " + id + " is closed");
        }
    }

    // ---- called by the stack, on workers ----

    /**
     * Binds a passive session to the connection its first request came on (RFC 4975 §5.4). An
     * active session is bound to the connection it opens, never to an accepted one.
     *
     * @param fromPath the request's From-Path, checked against the peer's once it is known
     * @return false if it is bound to another connection (answer 506)
     */
    boolean bind(MsrpConnection c, List<MsrpUri> fromPath) {
        synchronized (lock) {
            if (connection == c) {
                return true;
            }
            if (connection != null || active) {
                return false;
            }
            connection = c;
            Trace.mark("msrp.bind.received");
            binderFromPath = List.copyOf(fromPath);
            if (fromPath.size() == 1) {
                settledAt = System.nanoTime() + stack.config().bindingSettleMillis() * 1_000_000L;
            }
            lock.notifyAll();
            return true;
        }
    }

    /**
     * A second connection claimed this session, which is bound elsewhere (answered 506, RFC 4975
     * §5.4). One of the two is a third party's and nothing tells which: the session fails.
     *
     * @param rival the connection that claimed it
     */
    void claimedBy(MsrpConnection rival) {
        OutgoingMessage out;
        IOException why;
        synchronized (lock) {
            String bound = connection == null ? "none yet (this side connects, RFC 6135)" : connection.description();
            attackedBy(new IOException("A third party may be in the session: a second connection claimed the MSRP session "
                    + id + " (" + rival.description() + ", refused with 506) while it was bound to " + bound
                    + " (RFC 4975 §5.4, §14); the session is ended and nothing received in it is taken"));
            out = outgoing;
            why = failure;
        }
        if (out != null) {
            out.fail(why); // a message this side sends stops too: the peer it goes to is in doubt
        }
    }

    /** @return true once a third party was seen: requests get 481 */
    boolean isAttacked() {
        synchronized (lock) {
            return attacked;
        }
    }

    /** @return true once the peer's path is known, so From-Path is checked (RFC 4975 §5.4) */
    boolean knowsPeer() {
        synchronized (lock) {
            return remotePath != null;
        }
    }

    /** @return the bound connection, or null */
    MsrpConnection connection() {
        synchronized (lock) {
            return connection;
        }
    }

    /**
     * Checks the sender of a request against the peer's path, when known (RFC 4975 §5.4).
     *
     * @param fromPath the request's From-Path
     * @return true if it comes from the peer
     */
    boolean isFromPeer(List<MsrpUri> fromPath) {
        synchronized (lock) {
            return remotePath == null || stack.config().sessionIdMatchOnly()
                    || remotePath.get(remotePath.size() - 1).isOriginatorOf(fromPath);
        }
    }

    /** A SEND for this session: bind-only when bodiless, else a chunk of the incoming message. */
    void onSend(MsrpConnection c, MsrpRequest send, BodyReader body) throws IOException {
        if (send.headers().contentType().isEmpty()) {
            answer(c, send, MsrpStatus.OK, null);
            return;
        }
        IncomingMessage in = awaitIncoming();
        if (isAttacked() || !isFromPeer(send.headers().fromPath())) {
            // the peer became known, or an attack was seen, while this SEND waited (RFC 4975 §5.4, §7.3)
            answer(c, send, MsrpStatus.SESSION_DOES_NOT_EXIST, null);
            return;
        }
        if (in == null || in.isCancelled()) {
            answer(c, send, MsrpStatus.MESSAGE_TOO_LARGE, "the receiver does not want this message");
            return;
        }
        IncomingMessage.Outcome outcome;
        Trace.mark("msrp.chunk.received");
        try {
            outcome = in.onChunk(send, body);
        } catch (IOException e) {
            answer(c, send, MsrpStatus.MESSAGE_TOO_LARGE, "the receiver could not store the chunk");
            fail(new IOException("Receiving failed: " + e.getMessage(), e));
            return;
        }
        answer(c, send, outcome.status(), outcome.problem());
        if (outcome.status() != MsrpStatus.OK) {
            if (outcome.problem() != null && !in.isCancelled()) {
                fail(new org.sipdrop.transfer.TransportException(MsrpStatus.reasonOf(outcome.status()), "Refused a chunk with " + outcome.status() + ": " + outcome.problem()));
            }
            return;
        }
        if (body.flag() == ContinuationFlag.ABORTED) {
            fail(new org.sipdrop.transfer.TransportException(org.sipdrop.transfer.TransportException.Reason.CANCELLED, "The sender abandoned the message after " + in.received() + " of "
                    + in.expected() + " bytes (continuation flag '#', RFC 4975 §7.1)"));
            return;
        }
        report(c, send, in);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private IncomingMessage awaitIncoming() throws IOException {
        long deadline = System.nanoTime() + stack.config().sessionTimeoutMillis() * 1_000_000L;
        synchronized (lock) {
            while (incoming == null && failure == null && !closed) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return null;
                }
                waitOn(left);
            }
            return incoming;
        }
    }

    private void report(MsrpConnection c, MsrpRequest send, IncomingMessage in) throws IOException {
        Signals.successReport(c, send, in, localUri, stack.config().reportIntervalBytes());
    }

    private void answer(MsrpConnection c, MsrpRequest request, int status, String comment) throws IOException {
        Signals.answer(c, request, status, comment, localUri);
    }

    /** A REPORT about the message this session sends (RFC 4975 §7.1.2). */
    void onReport(MsrpRequest report) {
        OutgoingMessage out;
        synchronized (lock) {
            out = outgoing;
        }
        if (out != null && report.headers().messageId().filter(out.messageId()::equals).isPresent()) {
            Trace.mark("msrp.report");
            out.onReport(report);
        }
    }

    /** The session cannot go on: connection lost, transport stopped, peer refused. */
    void fail(IOException cause) {
        OutgoingMessage out;
        synchronized (lock) {
            if (failure == null) {
                failure = cause;
            }
            out = outgoing;
            lock.notifyAll();
        }
        if (out != null) {
            out.fail(cause);
        }
    }

    /** @return true while a received message is being refused with 413 after a local close */
    boolean isRefusing() {
        synchronized (lock) {
            return closed && incoming != null && incoming.isCancelled() && !incoming.isComplete();
        }
    }

    /**
     * Ends the session (RFC 4975 §5.4): an unfinished outgoing message is ended with {@code #};
     * an unfinished incoming one is refused with 413 for a short while (§10.5); the connection is
     * released, and closed once no session uses it.
     */
    @Override
    public void close() {
        OutgoingMessage out;
        IncomingMessage in;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            out = outgoing;
            in = incoming;
            if (failure == null && (in == null || !in.isComplete()) && (out == null || !out.isDone())) {
                failure = new IOException("MSRP session " + id + " was closed locally");
            }
            lock.notifyAll();
        }
        if (out != null && !out.isDone()) {
            out.abort();
        }
        if (in != null && !in.isComplete()) {
            in.cancel();
        }
        stack.release(this);
    }

    @Override
    public String toString() {
        return "MSRP session " + localUri;
    }
}
