package org.sipdrop.transport.mqtt.internal;

import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.logging.Logger;

import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * One transfer over the broker (session carriage). Opening subscribes this end's inbox, so nothing
 * the peer publishes after reading the offer or answer is lost; {@link #localEndpoint()} is that
 * inbox's URI. {@link #send} and {@link #receive} learn the peer's end and run a
 * {@link ChunkSender} or {@link ChunkReceiver}; only messages whose topic names the peer's user as
 * sender are taken (the broker's ACL makes that name true), any other is ignored. A failure on
 * either side is published to the other as an abort, so it ends at once rather than after a
 * timeout; closing unsubscribes the inbox, and the broker keeps nothing.
 */
final class MqttTransportSession implements TransportSession, BrokerLink.Inbox {

    private static final Logger LOG = Logger.getLogger(MqttTransportSession.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Messages from the peer that come before it is known (its first ack): a few, small. */
    private static final int EARLY_LIMIT = 16;

    private record Early(String from, MqttEndpoint.Kind kind, byte[] payload) {
    }

    private final BrokerLink link;
    private final MqttSettings settings;
    private final TransportRequest request;
    private final MqttEndpoint self;
    private final Mailbox box;
    private final Runnable onClose;
    private final List<Early> early = new ArrayList<>();
    private volatile MqttEndpoint peer;
    private volatile AckFrame finalAck;
    private volatile boolean sentAll;
    private volatile boolean closed;
    private volatile long ignored;

    private MqttTransportSession(BrokerLink link, MqttSettings settings, TransportRequest request, Runnable onClose) {
        this.link = link;
        this.settings = settings;
        this.request = request;
        this.onClose = onClose;
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        BrokerAddress a = link.address();
        this.self = new MqttEndpoint(a.scheme(), a.host().replace("[", "").replace("]", ""), a.port(), settings.prefix(),
                settings.identity(), HexFormat.of().formatHex(id));
        this.box = new Mailbox(2 * settings.window() + 4);
    }

    /** Opens a session: connects the link if needed and subscribes the new inbox. */
    static MqttTransportSession open(BrokerLink link, MqttSettings settings, TransportRequest request, Runnable onClose)
            throws TransportException {
        MqttTransportSession s = new MqttTransportSession(link, settings, request, onClose);
        link.subscribe(s.self.inbox(), s);
        return s;
    }

    @Override
    public TransportEndpoint localEndpoint() {
        return TransportEndpoint.of(self.uri());
    }

    @Override
    public void send(TransportEndpoint to, ReadableByteChannel source, LongConsumer progress) throws IOException {
        if (request.direction() != Direction.OUTGOING) {
            throw new TransportException(Reason.UNAVAILABLE, "this MQTT session receives; it cannot send");
        }
        MqttEndpoint p = meet(to);
        run(() -> new ChunkSender(link, settings, box, p.topicFrom(self.user(), MqttEndpoint.Kind.DATA),
                p.topicFrom(self.user(), MqttEndpoint.Kind.DONE), p.user()).send(source, request.offset(), request.offer().size(), progress));
        sentAll = true;
    }

    @Override
    public void receive(TransportEndpoint from, WritableByteChannel sink, LongConsumer progress) throws IOException {
        if (request.direction() != Direction.INCOMING) {
            throw new TransportException(Reason.UNAVAILABLE, "this MQTT session sends; it cannot receive");
        }
        MqttEndpoint p = meet(from);
        run(() -> finalAck = new ChunkReceiver(link, settings, box, p.topicFrom(self.user(), MqttEndpoint.Kind.ACK), p.user())
                .receive(sink, request.offset(), request.offer().size(), progress));
    }

    private interface Transfer {
        void run() throws IOException;
    }

    /** Runs one side; a failure of our own is told to the peer. */
    private void run(Transfer transfer) throws IOException {
        try {
            transfer.run();
        } catch (TransportException e) {
            if (!fromPeer(e)) {
                abortPeer(e.reason(), e.getMessage());
            }
            MqttEndpoint p = peer;
            if (p != null && !p.sameBroker(self) && e.getMessage() != null && e.getMessage().contains("stalled")) {
                throw new TransportException(e.reason(), e.getMessage() + " (the peer names the broker " + p.scheme() + "://" + p.host()
                        + ":" + p.port() + ", this side uses " + self.scheme() + "://" + self.host() + ":" + self.port()
                        + ": unless both reach the same broker, no message passes)", e);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            abortPeer(Reason.BROKEN, e.getMessage());
            throw e;
        }
    }

    private static boolean fromPeer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PeerAbort) {
                return true;
            }
        }
        return false;
    }

    /** Learns the peer's end (once) and hands it the messages that came before. */
    private MqttEndpoint meet(TransportEndpoint endpoint) throws TransportException {
        MqttEndpoint p;
        try {
            p = MqttEndpoint.of(endpoint);
        } catch (IllegalArgumentException e) {
            throw new TransportException(Reason.UNREACHABLE, "the peer's MQTT endpoint is unusable: " + e.getMessage(), e);
        }
        if (!p.sameTenant(self)) {
            throw new TransportException(Reason.UNREACHABLE, "the peer uses " + p.scheme() + " under the topic prefix '" + p.prefix()
                    + "', this side " + self.scheme() + " under '" + self.prefix() + "': both must use the same broker and prefix");
        }
        List<Early> before;
        synchronized (early) {
            if (peer != null) {
                throw new TransportException(Reason.UNAVAILABLE, "this MQTT session already moves a file");
            }
            peer = p;
            before = List.copyOf(early);
            early.clear();
        }
        before.forEach(e -> arrived(e.from(), e.kind(), e.payload()));
        return p;
    }

    @Override
    public void arrived(String from, MqttEndpoint.Kind kind, byte[] payload) {
        MqttEndpoint p = peer;
        if (p == null) {
            synchronized (early) {
                if (peer == null) {
                    if (kind != MqttEndpoint.Kind.DATA && early.size() < EARLY_LIMIT && payload.length <= 1024) {
                        early.add(new Early(from, kind, payload));
                    }
                    return;
                }
                p = peer;
            }
        }
        if (!from.equals(p.user())) {
            if (ignored++ == 0) {
                LOG.warning(() -> "Ignoring messages from " + from + " to the MQTT transfer with " + peer.user() + " (" + self.inbox() + ")");
            }
            return;
        }
        try {
            switch (kind) {
                case DATA -> data(payload);
                case ACK -> ack(p, AckFrame.decode(payload));
                case DONE -> box.done();
                case ABORT -> box.fail(PeerAbort.parse(p.user(), payload));
            }
        } catch (MalformedFrameException e) {
            TransportException broken = new TransportException(Reason.BROKEN, p.user() + " sent a malformed " + kind.level()
                    + " message: " + e.getMessage(), e);
            abortPeer(Reason.BROKEN, broken.getMessage());
            box.fail(broken);
        }
    }

    private void ack(MqttEndpoint p, AckFrame a) {
        if (sentAll) { // the receiver repeats its last ack: our done was lost
            link.publish(p.topicFrom(self.user(), MqttEndpoint.Kind.DONE), new byte[0]);
        } else {
            box.ack(a);
        }
    }

    private void data(byte[] payload) throws MalformedFrameException {
        AckFrame done = finalAck;
        if (done != null) { // a late duplicate after the end: our last ack was lost
            link.publish(peer.topicFrom(self.user(), MqttEndpoint.Kind.ACK), done.encode());
            return;
        }
        box.chunk(ChunkFrame.decode(payload, settings.chunkSize()));
    }

    @Override
    public void reconnected() {
        box.reconnected();
    }

    private void abortPeer(Reason reason, String why) {
        MqttEndpoint p = peer;
        if (p != null) {
            link.publish(p.topicFrom(self.user(), MqttEndpoint.Kind.ABORT),
                    (reason.name() + " " + (why == null ? "" : why)).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The transport stops: the transfer in flight fails, and the peer is told. */
    void stop() {
        abortPeer(Reason.CANCELLED, "the MQTT transport of " + self.user() + " was stopped");
        box.fail(new TransportException(Reason.CANCELLED, "the MQTT transport was stopped"));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (finalAck == null && !sentAll && peer != null) {
            MqttEndpoint p = peer;
            link.publishAndWait(p.topicFrom(self.user(), MqttEndpoint.Kind.ABORT),
                    (Reason.CANCELLED.name() + " " + self.user() + " cancelled the transfer").getBytes(StandardCharsets.UTF_8), 2_000);
        }
        box.fail(new TransportException(Reason.CANCELLED, "the transfer was cancelled"));
        link.unsubscribe(self.inbox());
        onClose.run();
    }

    @Override
    public String toString() {
        return "MQTT " + request.direction() + " " + self + (peer == null ? "" : " with " + peer);
    }
}
