package org.sipdrop.transport.mqtt.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.TreeMap;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

/**
 * The receiving half of one transfer: takes {@link ChunkFrame}s from the {@link Mailbox}, drops
 * duplicates (answering them with the current acknowledgement, which repairs a lost one), keeps
 * chunks that came early in a reorder buffer of at most {@code window} chunks, writes strictly in
 * file order, and acknowledges after writing: at the start, each half window, at the end (until
 * the sender says done), and again when nothing arrives for {@code resend.after.ms}. A chunk that does not continue the file,
 * lies beyond the granted window or goes past the offered size ends the transfer
 * {@link Reason#BROKEN}; so does {@code stall.timeout.ms} without a chunk.
 */
final class ChunkReceiver {

    private final Wire link;
    private final MqttSettings settings;
    private final Mailbox box;
    private final String topic;
    private final String peer;
    private final TreeMap<Integer, ChunkFrame> early = new TreeMap<>();
    private int next;
    private long position;

    ChunkReceiver(Wire link, MqttSettings settings, Mailbox box, String topic, String peer) {
        this.link = link;
        this.settings = settings;
        this.box = box;
        this.topic = topic;
        this.peer = peer;
    }

    /**
     * Receives bytes {@code start .. size} into {@code sink}.
     *
     * @return the final acknowledgement, which the session repeats for late duplicates
     */
    AckFrame receive(WritableByteChannel sink, long start, long size, LongConsumer progress) throws IOException {
        position = start;
        int window = settings.window();
        long chunkAt = System.nanoTime();
        long ackedAt = chunkAt;
        int sinceAck = 0;
        link.publish(topic, current().encode());
        while (true) {
            ChunkFrame f = box.poll(settings.resendAfter().dividedBy(4));
            long now = System.nanoTime();
            if (f == null) {
                boolean quiet = now - chunkAt > settings.resendAfter().toNanos();
                if (box.takeReconnected() || (quiet && now - ackedAt > settings.resendAfter().toNanos())) {
                    link.publish(topic, current().encode());
                    ackedAt = now;
                }
                if (now - chunkAt > settings.stallTimeout().toNanos()) {
                    throw new TransportException(link.connected() ? Reason.BROKEN : Reason.UNREACHABLE, "MQTT transfer from " + peer
                            + " stalled: no data for " + settings.stallTimeout().toSeconds() + " s"
                            + (link.connected() ? "" : "; the broker is unreachable: " + link.state()));
                }
                continue;
            }
            chunkAt = now;
            if (f.sequence() < next) {
                link.publish(topic, current().encode()); // a duplicate: perhaps our ack was lost
                ackedAt = now;
                continue;
            }
            if ((long) f.sequence() >= (long) next + window) {
                throw new TransportException(Reason.BROKEN, peer + " sent chunk " + f.sequence() + " beyond the window granted ("
                        + next + ".." + (next + window - 1) + ")");
            }
            early.putIfAbsent(f.sequence(), f);
            boolean done = false;
            for (ChunkFrame g = early.remove(next); g != null; g = early.remove(next)) {
                write(g, sink, size);
                sinceAck++;
                progress.accept(position);
                if (g.last()) {
                    if (position != size) {
                        throw new TransportException(Reason.BROKEN, peer + " ended the file at byte " + position + " of " + size);
                    }
                    done = true;
                    break;
                }
            }
            if (done) {
                return finish();
            }
            if (sinceAck >= Math.max(1, window / 2)) {
                link.publish(topic, current().encode());
                ackedAt = now;
                sinceAck = 0;
            }
        }
    }

    /**
     * Repeats the final acknowledgement until the sender says done: were it lost, the sender would
     * resend and finally fail a file that arrived. Bounded: a sender that vanished after its last
     * chunk leaves the file complete here.
     */
    private AckFrame finish() throws TransportException {
        AckFrame last = current();
        long until = System.nanoTime() + settings.resendAfter().multipliedBy(10).toNanos();
        do {
            link.publishAndWait(topic, last.encode(), settings.connectTimeout().toMillis());
        } while (!box.awaitDone(settings.resendAfter()) && System.nanoTime() < until);
        return last;
    }

    private void write(ChunkFrame g, WritableByteChannel sink, long size) throws IOException {
        if (g.offset() != position) {
            throw new TransportException(Reason.BROKEN, peer + "'s chunk " + g.sequence() + " starts at byte " + g.offset()
                    + ", expected " + position);
        }
        if (g.end() > size) {
            throw new TransportException(Reason.BROKEN, peer + "'s chunk " + g.sequence() + " goes past the file's " + size + " bytes");
        }
        ByteBuffer data = g.data();
        while (data.hasRemaining()) {
            sink.write(data);
        }
        position = g.end();
        next++;
    }

    private AckFrame current() {
        return new AckFrame(next, position, settings.window(), settings.chunkSize());
    }
}
