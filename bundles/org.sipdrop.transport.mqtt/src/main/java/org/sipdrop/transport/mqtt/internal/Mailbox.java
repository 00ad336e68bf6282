package org.sipdrop.transport.mqtt.internal;

import java.time.Duration;
import java.util.ArrayDeque;

import org.sipdrop.transfer.TransportException;

/**
 * What Paho's callback thread hands to the thread moving one transfer's bytes: the highest
 * acknowledgement seen, chunks waiting to be written (a bounded queue: a chunk that does not fit
 * is dropped and sent again by the sender), the failure that ends the transfer (the peer's abort,
 * a close, the transport stopping) and that the link reconnected. The moving thread waits here,
 * always bounded.
 */
final class Mailbox {

    private final int capacity;
    private final ArrayDeque<ChunkFrame> chunks = new ArrayDeque<>();
    private AckFrame ack;
    private TransportException failure;
    private boolean reconnected;
    private boolean done;
    private long dropped;

    /** @param capacity chunks that may wait; the receiver's window bounds what a sender has out */
    Mailbox(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps the acknowledgement with the highest position (acks are cumulative and idempotent). */
    synchronized void ack(AckFrame a) {
        if (ack == null || a.nextSequence() > ack.nextSequence()
                || (a.nextSequence() == ack.nextSequence() && a.window() != ack.window())) {
            ack = a;
            notifyAll();
        }
    }

    /** @return false when the queue is full and the chunk was dropped */
    synchronized boolean chunk(ChunkFrame f) {
        if (chunks.size() >= capacity) {
            dropped++;
            return false;
        }
        chunks.add(f);
        notifyAll();
        return true;
    }

    /** The first failure wins; it wakes the moving thread. */
    synchronized void fail(TransportException e) {
        if (failure == null) {
            failure = e;
        }
        notifyAll();
    }

    /** The sender saw the last byte acknowledged. */
    synchronized void done() {
        done = true;
        notifyAll();
    }

    /** Waits at most {@code max} for the sender's done; @return whether it came */
    synchronized boolean awaitDone(java.time.Duration max) throws TransportException {
        long deadline = System.nanoTime() + max.toNanos();
        while (failure == null && !done) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            sleep(left);
        }
        return done;
    }

    synchronized void reconnected() {
        reconnected = true;
        notifyAll();
    }

    /** @return whether the link reconnected since the last call */
    synchronized boolean takeReconnected() {
        boolean r = reconnected;
        reconnected = false;
        return r;
    }

    /** @return the highest acknowledgement seen, or null */
    synchronized AckFrame ack() throws TransportException {
        check();
        return ack;
    }

    /** Waits at most {@code max} for an acknowledgement beyond {@code seen} (null: any), a failure or a reconnection. */
    synchronized AckFrame awaitAck(AckFrame seen, Duration max) throws TransportException {
        long deadline = System.nanoTime() + max.toNanos();
        while (failure == null && !reconnected && (ack == null || ack == seen)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            sleep(left);
        }
        check();
        return ack;
    }

    /** @return the next chunk, waiting at most {@code max}; null when none came */
    synchronized ChunkFrame poll(Duration max) throws TransportException {
        long deadline = System.nanoTime() + max.toNanos();
        while (failure == null && chunks.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            sleep(left);
        }
        check();
        return chunks.poll();
    }

    synchronized long dropped() {
        return dropped;
    }

    /** @throws TransportException the failure, once there is one */
    synchronized void check() throws TransportException {
        if (failure != null) {
            throw new TransportException(failure.reason(), failure.getMessage(), failure);
        }
    }

    private void sleep(long nanos) throws TransportException {
        try {
            wait(Math.max(1, nanos / 1_000_000), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new TransportException(TransportException.Reason.CANCELLED, "interrupted", e));
        }
    }
}
