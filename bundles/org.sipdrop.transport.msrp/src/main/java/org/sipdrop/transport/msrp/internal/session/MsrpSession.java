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
 */
public final class MsrpSession implements Closeable {

    private final MsrpStack stack;
    private final String id;
    private final MsrpUri localUri;
    private final List<MsrpUri> localPath;
    private final boolean active;
    private final Object lock = new Object();
    private MsrpConnection connection;
    private List<MsrpUri> remotePath;
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
        return active;
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
        awaitWhole(remote, new IncomingMessage(sink, length, progress));
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
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
        }
    }

    /** Binds as RFC 6135 says: the active side connects; the passive side waits for the peer. */
    private MsrpConnection connect(List<MsrpUri> remote, boolean bindWithBodilessSend) throws IOException {
        Objects.requireNonNull(remote, "remote");
        if (remote.isEmpty()) {
            throw new IllegalArgumentException("The peer's MSRP path is empty");
        }
        synchronized (lock) {
            checkUsable();
            remotePath = List.copyOf(remote);
        }
        if (active) {
            MsrpConnection c = stack.connectionFor(this, toPath().get(0));
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
                    throw new IOException("The peer did not connect to " + localUri + " within "
                            + stack.config().sessionTimeoutMillis() + " ms (a=setup:passive, RFC 6135)");
                }
                waitOn(left);
            }
            checkUsable();
            return connection;
        }
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
     * Binds the session to the connection its first request came on (RFC 4975 §5.4).
     *
     * @return false if it is bound to another connection (answer 506)
     */
    boolean bind(MsrpConnection c) {
        synchronized (lock) {
            if (connection == null) {
                connection = c;
                lock.notifyAll();
                return true;
            }
            return connection == c;
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
        if (in == null || in.isCancelled()) {
            answer(c, send, MsrpStatus.MESSAGE_TOO_LARGE, "the receiver does not want this message");
            return;
        }
        IncomingMessage.Outcome outcome;
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
                fail(new IOException("Refused a chunk with " + outcome.status() + ": " + outcome.problem()));
            }
            return;
        }
        if (body.flag() == ContinuationFlag.ABORTED) {
            fail(new IOException("The sender abandoned the message after " + in.received() + " of "
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
