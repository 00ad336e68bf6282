package org.sipdrop.transport.msrp.internal.net;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ByteChannel;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.sipdrop.transport.msrp.internal.codec.MsrpCodecLimits;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrame;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameReader;
import org.sipdrop.transport.msrp.internal.codec.MsrpFrameWriter;
import org.sipdrop.transport.msrp.internal.codec.MsrpProtocolException;
import org.sipdrop.transport.msrp.internal.codec.MsrpRequest;
import org.sipdrop.transport.msrp.internal.codec.MsrpResponse;
import org.sipdrop.transport.msrp.internal.codec.MsrpResponses;
import org.sipdrop.transport.msrp.internal.codec.ReceivedFrame;
import org.sipdrop.transport.msrp.internal.codec.TransactionIds;

/**
 * One MSRP connection (RFC 4975 §5.4, §6): a frame reader pumped by the {@link IoReactor}'s
 * workers, a frame writer shared by the sessions bound to it, and the table of open
 * transactions (RFC 4975 §7.2) whose responses it routes. Several sessions may share it
 * (connection reuse). Writes of whole frames are serialised by a lock; small control frames
 * (responses, REPORTs) that a worker wants to send while a sender streams a chunk are queued and
 * written between chunks, so a worker never waits for a sender: two peers sending big chunks to
 * each other cannot deadlock on full TCP buffers.
 */
public final class MsrpConnection implements Closeable {

    private static final Logger LOG = Logger.getLogger(MsrpConnection.class.getName());

    /** Frames per pump run before the worker yields to other connections. */
    private static final int FRAMES_PER_TURN = 64;

    /** Control frames queued before a worker waits for the write lock (back-pressure). */
    private static final int CONTROL_QUEUE_LIMIT = 256;

    private final WaitingSocketChannel raw;
    private final TlsChannel tls;
    private final MsrpFrameReader reader;
    private final MsrpFrameWriter writer;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Queue<MsrpFrame> control = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<String, Consumer<MsrpResponse>> transactions = new ConcurrentHashMap<>();
    private final ConnectionListener listener;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile IoReactor reactor;

    /**
     * @param raw the socket
     * @param tls the TLS layer over it after its handshake, or null for plain TCP
     * @param bufferSize size of the reader's and the writer's one buffer
     * @param limits parser limits
     * @param listener the session layer
     * @param description for messages, e.g. {@code msrp to 127.0.0.1:2855}
     */
    public MsrpConnection(WaitingSocketChannel raw, TlsChannel tls, int bufferSize, MsrpCodecLimits limits,
            ConnectionListener listener, String description) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.tls = tls;
        ByteChannel channel = tls != null ? tls : raw;
        // plain TCP: direct buffers, so file bytes cross no heap copy on either side; TLS encrypts
        // from and decrypts into heap arrays, where direct buffers would only add copies
        boolean direct = tls == null;
        this.reader = new MsrpFrameReader(channel, bufferSize, limits, direct);
        this.writer = new MsrpFrameWriter(channel, bufferSize, TransactionIds.secureRandom(), direct);
        writer.interruptWhen(() -> !control.isEmpty()); // RFC 4975 §7.1.1: responses and REPORTs do not wait behind a chunk
        this.listener = Objects.requireNonNull(listener, "listener");
        this.description = description;
    }

    /**
     * Starts reading: frames are handed to the listener on the reactor's workers. The first
     * frame may be handled before this returns (the peer may have spoken already). Bytes the
     * TLS handshake already took from the socket (a client's first SEND right behind its
     * Finished message) are read at once: the socket will not signal them again.
     */
    public void start(IoReactor reactor) {
        this.reactor = reactor;
        listener.onOpened(this);
        reactor.register(raw.socket(), this::pump, hasBufferedInput());
    }

    /**
     * Reads the frames available now, then hands the connection back to the selector. After
     * {@link #FRAMES_PER_TURN} frames with bytes still buffered it yields to other connections by
     * queueing itself on the workers again: the selector would not wake it for bytes that have
     * already left the socket.
     *
     * @param registration this connection's handle on the selector, given with each run
     */
    private void pump(IoReactor.Registration registration) {
        try {
            for (int i = 1; !closed.get(); i++) {
                if (!readOne()) {
                    return;
                }
                if (!hasBufferedInput()) {
                    break;
                }
                if (i == FRAMES_PER_TURN) {
                    reactor.execute(() -> pump(registration));
                    return;
                }
            }
            if (!closed.get()) {
                registration.resume();
            }
        } catch (IOException e) {
            close(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "MSRP frame handling failed on " + description, e);
            close(new IOException("Frame handling failed: " + e, e));
        }
    }

    private boolean hasBufferedInput() {
        return reader.hasBufferedInput() || (tls != null && tls.hasBufferedInput());
    }

    /** @return false once the peer closed the connection */
    private boolean readOne() throws IOException {
        ReceivedFrame frame;
        try {
            frame = reader.next();
        } catch (MsrpProtocolException e) {
            LOG.log(Level.FINE, "Malformed MSRP frame on " + description, e);
            MsrpResponses.forError(e).ifPresent(this::sendControlQuietly);
            if (!e.isRecoverable()) {
                throw e;
            }
            return true;
        }
        if (frame == null) {
            close(new EOFException("The peer closed the MSRP connection " + description));
            return false;
        }
        if (frame.isRequest()) {
            listener.onRequest(this, frame.request(), frame.body());
        } else {
            Consumer<MsrpResponse> waiting = transactions.remove(frame.transactionId());
            if (waiting != null) {
                waiting.accept(frame.response());
            }
        }
        return true;
    }

    /**
     * Expects a response to a request about to be written (RFC 4975 §7.2).
     *
     * @param transactionId the request's transaction id
     * @param onResponse told the response, on a worker
     */
    public void expectResponse(String transactionId, Consumer<MsrpResponse> onResponse) {
        transactions.put(transactionId, onResponse);
    }

    /** @param transactionId a transaction no longer waited for */
    public void forgetTransaction(String transactionId) {
        transactions.remove(transactionId);
    }

    /** A write of whole frames with exclusive use of the writer. */
    @FunctionalInterface
    public interface WriterAction<T> {
        /** @param writer the connection's writer */
        T apply(MsrpFrameWriter writer) throws IOException;
    }

    /**
     * Runs a write with exclusive use of the writer; queued control frames go out before and after.
     *
     * @param action the write
     * @return its result
     */
    public <T> T write(WriterAction<T> action) throws IOException {
        checkOpen();
        writeLock.lock();
        try {
            drainControl();
            T result = action.apply(writer);
            drainControl();
            return result;
        } catch (IOException e) {
            close(e);
            throw e;
        } finally {
            writeLock.unlock();
            drainIfPending();
        }
    }

    /**
     * Sends a response or a body-less request (REPORT, AUTH) without waiting for a sender that is
     * streaming a chunk: queued and written at the next frame boundary.
     *
     * @param frame the frame
     */
    public void sendControl(MsrpFrame frame) throws IOException {
        checkOpen();
        control.add(frame);
        if (queued.incrementAndGet() > CONTROL_QUEUE_LIMIT) {
            writeLock.lock(); // too much backlog: stop reading until the sender yields
            try {
                drainControl();
            } catch (IOException e) {
                close(e);
                throw e;
            } finally {
                writeLock.unlock();
            }
        }
        drainIfPending();
    }

    private void sendControlQuietly(MsrpFrame frame) {
        try {
            sendControl(frame);
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not answer a malformed frame", e);
        }
    }

    private void drainIfPending() {
        for (int i = 0; i < 4 && !control.isEmpty() && !closed.get() && writeLock.tryLock(); i++) {
            try {
                drainControl();
            } catch (IOException e) {
                close(e);
            } finally {
                writeLock.unlock();
            }
        }
    }

    private void drainControl() throws IOException {
        for (MsrpFrame f = control.poll(); f != null; f = control.poll()) {
            queued.decrementAndGet();
            if (f instanceof MsrpResponse) {
                writer.writeResponse((MsrpResponse) f);
            } else {
                writer.writeRequest((MsrpRequest) f);
            }
        }
    }

    private void checkOpen() throws IOException {
        if (closed.get()) {
            throw new IOException("The MSRP connection " + description + " is closed");
        }
    }

    /** @return a new transaction id (RFC 4975 §7.1) */
    public String newTransactionId() {
        return writer.newTransactionId();
    }

    /** @return true until closed */
    public boolean isOpen() {
        return !closed.get() && raw.isOpen();
    }

    /** @return true for TLS */
    public boolean isSecure() {
        return tls != null;
    }

    /** @return e.g. {@code msrp to 127.0.0.1:2855} */
    public String description() {
        return description;
    }

    /** @return the address of the far end, if the socket still knows it */
    public Optional<java.net.InetAddress> remoteAddress() {
        try {
            java.net.SocketAddress a = raw.socket().getRemoteAddress();
            return a instanceof java.net.InetSocketAddress ? Optional.of(((java.net.InetSocketAddress) a).getAddress())
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** @return the local port, for tests and URIs */
    public Optional<Integer> localPort() {
        try {
            return Optional.of(((java.net.InetSocketAddress) raw.socket().getLocalAddress()).getPort());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Closes in order: the listener is told, sessions bound here fail. */
    @Override
    public void close() {
        close(null);
    }

    /**
     * @param cause why, or null for an orderly local close
     */
    public void close(IOException cause) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (tls != null) {
                tls.close();
            } else {
                raw.close();
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "close", e);
        }
        transactions.clear();
        listener.onClosed(this, cause);
    }

    @Override
    public String toString() {
        return description;
    }
}
