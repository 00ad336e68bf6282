package org.sipdrop.transport.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Mosquitto;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;
import org.sipdrop.transport.mqtt.internal.MqttTransportProvider;

/**
 * A mosquitto with SipDrop's example ACL and users alice, bob and carol, and MQTT providers made
 * outside DS ({@link Configs}), one per MQTT identity, each with its own broker connection. Closing
 * checks that nothing is retained on the broker, stops the providers and the broker.
 */
final class TwoUsers implements AutoCloseable {

    static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret", "carol", "carol-secret");

    final Mosquitto broker;
    private final List<MqttTransportProvider> providers = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    TwoUsers(Path dir, String prefix, boolean clientCertificates) {
        int[] ports = FreePorts.distinctTcp(3);
        Mosquitto.Builder b = Mosquitto.builder(dir.resolve("broker"), ports[0], ports[1], USERS).sipDropAcl(prefix);
        if (clientCertificates) {
            b.clientCertificatePort(ports[2]);
        }
        broker = b.start();
    }

    /** The settings of {@code user} for this broker, short resend and stall times. */
    Map<String, Object> settings(String user, String prefix) {
        return new HashMap<>(Map.of("broker", "127.0.0.1", "port", broker.mqttPort(), "tls.port", broker.mqttsPort(), "user", user,
                ".password", USERS.get(user), "tls.trust.store", broker.certificate().toString(), "topic.prefix", prefix,
                "resend.after.ms", 500, "stall.timeout.ms", 8_000));
    }

    /** @return a running provider with these settings; stopped on {@link #close()} */
    MqttTransportProvider provider(Map<String, Object> settings) {
        MqttTransportProvider p = new MqttTransportProvider(Configs.of(settings));
        providers.add(p);
        return p;
    }

    /** Stops a provider as DS would (its deactivate method). */
    static void stop(MqttTransportProvider p) throws Exception {
        Method m = MqttTransportProvider.class.getDeclaredMethod("deactivate");
        m.setAccessible(true);
        m.invoke(p);
    }

    @Override
    public void close() throws Exception {
        try {
            if (broker.isAlive()) {
                assertEquals(List.of(), broker.retainedTopics(Duration.ofSeconds(1)), "nothing retained on the broker");
            }
        } finally {
            pool.shutdownNow();
            for (MqttTransportProvider p : providers) {
                stop(p);
            }
            broker.close();
        }
    }

    /** A transfer from one provider to another: both sessions open, endpoints known, bytes not moving yet. */
    final class Exchange {
        final byte[] content;
        final TransportSession out;
        final TransportSession in;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private Future<?> receiving;
        private Future<?> sending;

        Exchange(MqttTransportProvider from, MqttTransportProvider to, int size, String scheme) throws Exception {
            content = new byte[size];
            new Random(size).nextBytes(content);
            FileOffer offer = FileOffer.builder("plan.bin", size).build();
            out = from.open(new TransportRequest(offer, Direction.OUTGOING, "sip:bob@127.0.0.1", scheme, 0));
            in = to.open(new TransportRequest(offer, Direction.INCOMING, "sip:alice@127.0.0.1", scheme, 0));
        }

        void receive() {
            receiving = pool.submit(() -> {
                try (WritableByteChannel sink = Channels.newChannel(received)) {
                    in.receive(out.localEndpoint(), sink, n -> { });
                }
                return null;
            });
        }

        void send() {
            sending = pool.submit(() -> {
                out.send(in.localEndpoint(), Channels.newChannel(new java.io.ByteArrayInputStream(content)), n -> { });
                return null;
            });
        }

        /** Waits for both ends and checks the bytes. */
        void finish() throws Exception {
            try {
                sending.get(60, TimeUnit.SECONDS);
                receiving.get(60, TimeUnit.SECONDS);
            } finally {
                out.close();
                in.close();
            }
            assertArrayEquals(content, received.toByteArray(), "the receiver got the sender's bytes, nothing else");
        }

        void run() throws Exception {
            receive();
            send();
            finish();
        }

        int bytesReceived() {
            return received.size();
        }
    }
}
