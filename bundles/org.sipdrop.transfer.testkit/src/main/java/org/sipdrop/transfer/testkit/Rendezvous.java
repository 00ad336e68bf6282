package org.sipdrop.transfer.testkit;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.Cleanup;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * Moves one file between a sending and a receiving provider in the order the provider's
 * {@link Carriage} prescribes ({@link TransportSession}'s Javadoc), as SipDrop's negotiation does:
 * <ul>
 * <li>session: the sender (the offerer of a push) opens with {@code SETUP ACTPASS}, the receiver
 * (the answerer) with the role it answers, both endpoints are exchanged, the sender's role is
 * settled, then both sides move bytes at the same time;</li>
 * <li>storage: the sender opens with {@code CLEANUP DELETE} and a {@code LIFETIME} and sends to its
 * own endpoint; later the receiver fetches that URL; last the sender closes, which deletes it.</li>
 * </ul>
 * Every wait is bounded; each side runs on its own thread.
 */
final class Rendezvous implements AutoCloseable {

    /** SIP addresses the kit's two users have; transports may show them, none should resolve them. */
    static final String SENDER = "sip:alice@127.0.0.1";
    static final String RECEIVER = "sip:bob@127.0.0.1";

    /** What the kit does while the sender is held mid-file. */
    @FunctionalInterface
    interface Interruption {
        void run(TransportSession sender, TransportSession receiver) throws Exception;
    }

    /**
     * How one transfer goes: from {@code offset}; session carriage: whether the answer makes the
     * offerer connect; what to do a third of the way through the file while the sender's reads
     * ({@code atSender}) or the receiver's writes ({@code atReceiver}) are held; storage carriage:
     * the sender's {@code CLEANUP}.
     */
    record Plan(long offset, boolean offererConnects, Interruption atSender, Interruption atReceiver, Cleanup cleanup) {

        static Plan whole() {
            return new Plan(0, false, null, null, Cleanup.DELETE);
        }

        Plan from(long start) {
            return new Plan(start, offererConnects, atSender, atReceiver, cleanup);
        }

        Plan offererConnecting() {
            return new Plan(offset, true, atSender, atReceiver, cleanup);
        }

        Plan interruptingSender(Interruption i) {
            return new Plan(offset, offererConnects, i, atReceiver, cleanup);
        }

        Plan interruptingReceiver(Interruption i) {
            return new Plan(offset, offererConnects, atSender, i, cleanup);
        }

        Plan keeping() {
            return new Plan(offset, offererConnects, atSender, atReceiver, Cleanup.KEEP);
        }
    }

    /** What one transfer came to. Failures are what the calls threw, {@code null} when they returned. */
    static final class Outcome {
        TransportEndpoint offered;
        TransportSession senderSession;
        Throwable sendFailure;
        Throwable receiveFailure;
        /** storage: what a fetch after the sender's session ended threw ({@code null}: it succeeded or none was tried) */
        Throwable laterFetchFailure;
        boolean laterFetchTried;
        final Progress confirmed = new Progress();
        final Progress received = new Progress();
        long bytesRead;
        long bytesWritten;
        boolean interrupted;
        /** what the interruption itself threw, {@code null} when it ran through */
        Throwable interruptionFailure;
    }

    private final TransportProvider sender;
    private final TransportProvider receiver;
    private final String scheme;
    private final Duration lifetime;
    private final Duration bound;
    private final AtomicInteger threadCount = new AtomicInteger();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "transport-kit-" + threadCount.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    Rendezvous(TransportProvider sender, TransportProvider receiver, String scheme, Duration lifetime, Duration bound) {
        this.sender = sender;
        this.receiver = receiver;
        this.scheme = scheme;
        this.lifetime = lifetime;
        this.bound = bound;
    }

    Carriage carriage() {
        return sender.carriage(scheme);
    }

    /** Pushes {@code file} into {@code target} (which holds the bytes before the plan's offset already). */
    Outcome push(KitFile file, Path target, Plan plan) throws Exception {
        return carriage().kind() == Carriage.Kind.SESSION ? sessionPush(file, target, plan) : storagePush(file, target, plan);
    }

    private Outcome sessionPush(KitFile file, Path target, Plan plan) throws Exception {
        long offset = plan.offset();
        boolean offererConnects = plan.offererConnects();
        FileOffer offer = file.offer();
        Outcome o = new Outcome();
        TransportRequest txRequest = new TransportRequest(offer, Direction.OUTGOING, RECEIVER, scheme, offset)
                .with(TransportParameter.SETUP, ConnectionRole.ACTPASS);
        TransportRequest rxRequest = new TransportRequest(offer, Direction.INCOMING, SENDER, scheme, offset)
                .with(TransportParameter.SETUP, offererConnects ? ConnectionRole.PASSIVE : ConnectionRole.ACTIVE);
        TransportSession tx = sender.open(txRequest);
        o.senderSession = tx;
        try (tx; TransportSession rx = receiver.open(rxRequest); FileChannel in = FileChannel.open(file.path());
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            TransportEndpoint offered = tx.localEndpoint();
            TransportEndpoint answered = rx.localEndpoint();
            o.offered = offered;
            // the answer arrived: the offerer's actpass becomes a role before bytes move (RFC 6135 §4.2.2)
            txRequest.settle(TransportParameter.SETUP, offererConnects ? ConnectionRole.ACTIVE : ConnectionRole.PASSIVE);
            in.position(offset);
            out.position(offset);
            HeldSource source = new HeldSource(in, heldAt(file), plan.atSender() == null ? null
                    : () -> interrupt(o, plan.atSender(), tx, rx));
            CountingSink sink = new CountingSink(out, heldAt(file) - offset, plan.atReceiver() == null ? null
                    : () -> interrupt(o, plan.atReceiver(), tx, rx));
            Future<?> receiving = threads.submit(() -> {
                rx.receive(offered, sink, o.received);
                return null;
            });
            Future<?> sending = threads.submit(() -> {
                tx.send(answered, source, o.confirmed);
                return null;
            });
            o.sendFailure = await(sending, "send");
            o.receiveFailure = await(receiving, "receive");
            o.bytesRead = source.bytesRead();
            o.bytesWritten = sink.bytesWritten();
        }
        return o;
    }

    private Outcome storagePush(KitFile file, Path target, Plan plan) throws Exception {
        long offset = plan.offset();
        FileOffer offer = file.offer();
        Outcome o = new Outcome();
        TransportRequest txRequest = new TransportRequest(offer, Direction.OUTGOING, RECEIVER, scheme, 0)
                .with(TransportParameter.CLEANUP, plan.cleanup()).with(TransportParameter.LIFETIME, lifetime);
        TransportSession tx = sender.open(txRequest);
        o.senderSession = tx;
        try (tx) {
            TransportEndpoint offered = tx.localEndpoint();
            o.offered = offered;
            try (FileChannel in = FileChannel.open(file.path())) {
                HeldSource source = new HeldSource(in, heldAt(file), plan.atSender() == null ? null
                        : () -> interrupt(o, plan.atSender(), tx, null));
                Future<?> sending = threads.submit(() -> {
                    tx.send(offered, source, o.confirmed);
                    return null;
                });
                o.sendFailure = await(sending, "send");
                o.bytesRead = source.bytesRead();
            }
            if (o.sendFailure != null || plan.atSender() != null) {
                return o; // nothing (whole) was stored; the caller decides what to check next
            }
            // later, perhaps much later: the receiver fetches the URL from the RFC 4483 offer
            TransportRequest rxRequest = new TransportRequest(offer, Direction.INCOMING, SENDER, scheme, offset);
            TransportSession rx = receiver.open(rxRequest);
            try (rx; FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                out.position(offset);
                CountingSink sink = new CountingSink(out, heldAt(file) - offset, plan.atReceiver() == null ? null
                        : () -> interrupt(o, plan.atReceiver(), tx, rx));
                Future<?> receiving = threads.submit(() -> {
                    rx.receive(offered, sink, o.received);
                    return null;
                });
                o.receiveFailure = await(receiving, "receive");
                o.bytesWritten = sink.bytesWritten();
            }
            if (plan.atReceiver() != null || plan.cleanup() != Cleanup.DELETE) {
                return o;
            }
        }
        // the sender's session closed with CLEANUP DELETE: the offer's URL leads nowhere now
        o.laterFetchTried = true;
        o.laterFetchFailure = fetch(offer, o.offered);
        return o;
    }

    /** Storage: @return what fetching a URL that a sender's session gave but never uploaded to threw */
    Throwable fetchNeverStored(FileOffer offer) throws Exception {
        TransportRequest txRequest = new TransportRequest(offer, Direction.OUTGOING, RECEIVER, scheme, 0)
                .with(TransportParameter.CLEANUP, Cleanup.DELETE).with(TransportParameter.LIFETIME, lifetime);
        TransportEndpoint url;
        try (TransportSession tx = sender.open(txRequest)) {
            url = tx.localEndpoint();
        }
        return fetch(offer, url);
    }

    /** Session: @return what receiving from an offerer that closed its session before bytes moved threw */
    Throwable receiveFromClosedOfferer(FileOffer offer) throws Exception {
        TransportRequest txRequest = new TransportRequest(offer, Direction.OUTGOING, RECEIVER, scheme, 0)
                .with(TransportParameter.SETUP, ConnectionRole.ACTPASS);
        TransportRequest rxRequest = new TransportRequest(offer, Direction.INCOMING, SENDER, scheme, 0)
                .with(TransportParameter.SETUP, ConnectionRole.ACTIVE);
        TransportEndpoint offered;
        try (TransportSession tx = sender.open(txRequest)) {
            offered = tx.localEndpoint();
        }
        try (TransportSession rx = receiver.open(rxRequest)) {
            rx.localEndpoint();
            CountingSink discard = new CountingSink(null);
            return await(threads.submit(() -> {
                rx.receive(offered, discard, n -> {
                });
                return null;
            }), "receive");
        }
    }

    /** Fetches {@code url} as a receiver of {@code offer} would; @return what the receive threw, {@code null} if it returned */
    Throwable fetch(FileOffer offer, TransportEndpoint url) throws Exception {
        TransportRequest rxRequest = new TransportRequest(offer, Direction.INCOMING, SENDER, scheme, 0);
        TransportSession rx;
        try {
            rx = receiver.open(rxRequest);
        } catch (IOException e) {
            return e;
        }
        try (rx) {
            CountingSink discard = new CountingSink(null);
            return await(threads.submit(() -> {
                rx.receive(url, discard, n -> {
                });
                return null;
            }), "receive");
        }
    }

    /**
     * Runs {@code midway} on a thread of its own while the sender's reads are held, bounded; what
     * it throws is kept for the test to report, not passed to the transport.
     */
    private void interrupt(Outcome o, Interruption midway, TransportSession tx, TransportSession rx) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        Future<?> f = threads.submit(() -> {
            try {
                midway.run(tx, rx);
            } catch (Throwable t) {
                o.interruptionFailure = t;
            } finally {
                done.countDown();
            }
            return null;
        });
        if (!done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            f.cancel(true);
            o.interruptionFailure = new InterruptedIOException("the kit's interruption did not finish within "
                    + bound.toSeconds() + " s");
        }
        o.interrupted = true;
    }

    private static long heldAt(KitFile file) {
        return file.size() / 3;
    }

    /** @return what the call threw, {@code null} when it returned; fails the test when it did not end in time */
    private Throwable await(Future<?> call, String what) throws InterruptedException {
        try {
            call.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new AssertionError(what + "() did not end within " + bound.toSeconds() + " s: a transport call must never hang");
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
