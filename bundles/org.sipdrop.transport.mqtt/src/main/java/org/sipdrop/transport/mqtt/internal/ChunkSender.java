package org.sipdrop.transport.mqtt.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongConsumer;

import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

/**
 * The sending half of one transfer: publishes {@link ChunkFrame}s on the receiver's {@code data}
 * topic within the credit its {@link AckFrame}s grant, keeps each chunk until it is acknowledged
 * (at most {@code window} chunks: the file channel cannot go back), and publishes them all again
 * when the acknowledgement does not move for {@code resend.after.ms} or the link reconnected.
 * It ends when the receiver acknowledges the file's last byte as written, telling it so on its
 * {@code done} topic, or fails when nothing moves for {@code stall.timeout.ms}. Progress counts file positions the receiver confirmed.
 */
final class ChunkSender {

    /** A chunk out and not yet acknowledged. */
    private static final class Pending {
        final int sequence;
        final byte[] frame;
        boolean published;

        Pending(int sequence, byte[] frame) {
            this.sequence = sequence;
            this.frame = frame;
        }
    }

    private static final Duration RETRY = Duration.ofMillis(10);

    private final Wire link;
    private final MqttSettings settings;
    private final Mailbox box;
    private final String topic;
    private final String doneTopic;
    private final String peer;
    private final ArrayDeque<Pending> unacked = new ArrayDeque<>();

    /**
     * @param topic the receiver's data topic
     * @param doneTopic the receiver's done topic: told once the last byte is acknowledged (and again
     *        by the session for each late acknowledgement, should that message be lost)
     */
    ChunkSender(Wire link, MqttSettings settings, Mailbox box, String topic, String doneTopic, String peer) {
        this.link = link;
        this.settings = settings;
        this.box = box;
        this.topic = topic;
        this.doneTopic = doneTopic;
        this.peer = peer;
    }

    /** Sends bytes {@code start .. size} from {@code source}, positioned at {@code start}. */
    void send(ReadableByteChannel source, long start, long size, LongConsumer progress) throws IOException {
        long askedAt = System.nanoTime();
        AckFrame ack = null;
        while (ack == null && System.nanoTime() - askedAt < settings.stallTimeout().toNanos()) {
            box.takeReconnected();
            ack = box.awaitAck(null, settings.resendAfter());
        }
        if (ack == null) {
            throw stalled("the receiver never answered");
        }
        if (ack.nextOffset() != start) {
            throw new TransportException(Reason.BROKEN, peer + " expects byte " + ack.nextOffset() + ", this side starts at " + start);
        }
        int chunk = Math.min(settings.chunkSize(), ack.maxChunk()); // the receiver's credit bounds ours
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(chunk, Math.max(1, size - start)));
        int next = 0;
        long read = start;
        boolean allRead = false;
        long progressAt = System.nanoTime();
        long resentAt = progressAt;
        int ackedSequence = 0;
        while (true) {
            if (ack.nextSequence() > ackedSequence) {
                ackedSequence = ack.nextSequence();
                while (!unacked.isEmpty() && unacked.peek().sequence < ackedSequence) {
                    unacked.poll();
                }
                progress.accept(ack.nextOffset());
                progressAt = resentAt = System.nanoTime();
            }
            if (allRead && unacked.isEmpty()) {
                if (ack.nextOffset() != size) {
                    throw new TransportException(Reason.BROKEN, peer + " acknowledged " + ack.nextOffset() + " of " + size + " bytes");
                }
                link.publish(doneTopic, new byte[0]);
                return;
            }
            while (!allRead && (long) next < (long) ackedSequence + ack.window()) {
                int n = fill(source, buffer, (int) Math.min(buffer.capacity(), size - read));
                boolean last = read + n == size;
                Pending p = new Pending(next++, ChunkFrame.encode(next - 1, read, last, buffer.array(), 0, n));
                unacked.add(p);
                p.published = link.publish(topic, p.frame);
                read += n;
                allRead = last;
            }
            boolean again = box.takeReconnected() || System.nanoTime() - resentAt > settings.resendAfter().toNanos();
            if (again) {
                resentAt = System.nanoTime();
            }
            boolean waiting = false;
            for (Pending p : unacked) {
                if (again || !p.published) {
                    p.published = link.publish(topic, p.frame);
                    waiting |= !p.published;
                }
            }
            if (System.nanoTime() - progressAt > settings.stallTimeout().toNanos()) {
                throw stalled("no acknowledgement for " + settings.stallTimeout().toSeconds() + " s");
            }
            ack = box.awaitAck(ack, waiting ? RETRY : settings.resendAfter().dividedBy(4));
        }
    }

    private TransportException stalled(String what) {
        return new TransportException(link.connected() ? Reason.BROKEN : Reason.UNREACHABLE, "MQTT transfer to " + peer
                + " stalled: " + what + (link.connected() ? "" : "; the broker is unreachable: " + link.state()));
    }

    /** Reads exactly {@code n} bytes into the start of {@code buffer}. */
    private static int fill(ReadableByteChannel source, ByteBuffer buffer, int n) throws IOException {
        buffer.clear().limit(n);
        while (buffer.hasRemaining()) {
            if (source.read(buffer) < 0) {
                throw new TransportException(Reason.BROKEN, "the file ended " + buffer.remaining() + " bytes early");
            }
        }
        return n;
    }
}
