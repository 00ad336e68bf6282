package org.sipdrop.bench;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;
import org.sipdrop.transport.msrp.internal.session.StackConfig;
import org.sipdrop.transport.mqtt.internal.MqttTransportConfig;
import org.sipdrop.transport.mqtt.internal.MqttTransportProvider;

/** The Paho-only baseline of {@link MqttBench}: the same bytes over the same broker, no SipDrop code. */
final class PahoBaseline {

    private final int port;
    private final int tlsPort;

    PahoBaseline(int port, int tlsPort) {
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /**
     * The baseline, no SipDrop code: a Paho publisher reads the file in {@code chunk}-byte messages
     * and publishes them with QoS 1 (Paho's max inflight {@code inflight}); a Paho subscriber (QoS
     * 1) writes what arrives to {@code dst} and counts bytes until all arrived. Clients connect
     * before the clock starts.
     * <p>
     * The publisher keeps at most {@code inflight} messages unacknowledged by the broker (Paho
     * refuses more) and at most {@code inflight} between itself and the subscriber: a semaphore the subscriber's callback releases, in process, so the window costs
     * no messages (the transport sends acknowledgements through the broker). Without it QoS 1 only
     * paces the publisher by the broker's PUBACKs, the broker queues for the slower subscriber, and
     * mosquitto's max_queued_messages (1000 by default) drops what does not fit ("Outgoing messages
     * are being dropped" in its log): the baseline then never completes beyond ~64 MiB.
     */
    double run(SSLSocketFactory tls, Path src, Path dst, long size, int chunk, int inflight) throws Exception {
        String uri = tls == null ? "tcp://127.0.0.1:" + port : "ssl://127.0.0.1:" + tlsPort;
        String topic = "bench/paho/" + System.nanoTime();
        MqttAsyncClient pub = new MqttAsyncClient(uri, "bench-pub-" + System.nanoTime(), new MemoryPersistence());
        MqttAsyncClient sub = new MqttAsyncClient(uri, "bench-sub-" + System.nanoTime(), new MemoryPersistence());
        try (FileChannel in = FileChannel.open(src); FileChannel out = MsrpBench.open(dst)) {
            Semaphore window = new Semaphore(inflight);
            CountDownLatch all = new CountDownLatch(1);
            AtomicLong received = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Semaphore unacked = new Semaphore(inflight); // Paho's own: broker PUBACKs
            pub.setCallback(new Callback() {
                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    unacked.release();
                }
            });
            sub.setCallback(new Callback() {
                @Override
                public void messageArrived(String t, MqttMessage m) throws Exception {
                    byte[] b = m.getPayload();
                    ByteBuffer bb = ByteBuffer.wrap(b);
                    while (bb.hasRemaining()) {
                        out.write(bb);
                    }
                    window.release(); // the end-to-end window: a free, in-process acknowledgement
                    if (received.addAndGet(b.length) >= size) {
                        all.countDown();
                    }
                }

                @Override
                public void connectionLost(Throwable cause) {
                    failure.set(cause);
                    all.countDown();
                }
            });
            pub.connect(options(tls, "alice", inflight)).waitForCompletion(10_000);
            sub.connect(options(tls, "bob", inflight)).waitForCompletion(10_000);
            sub.subscribe(topic, 1).waitForCompletion(10_000);
            long t0 = System.nanoTime();
            ByteBuffer buffer = ByteBuffer.allocate(chunk);
            for (long sent = 0; sent < size;) {
                int n = (int) Math.min(chunk, size - sent);
                buffer.clear().limit(n);
                while (buffer.hasRemaining()) {
                    if (in.read(buffer) < 0) {
                        throw new IOException("short file");
                    }
                }
                byte[] payload = new byte[n]; // Paho keeps the array until the broker acknowledged it
                System.arraycopy(buffer.array(), 0, payload, 0, n);
                if (!window.tryAcquire(60, TimeUnit.SECONDS) || !unacked.tryAcquire(60, TimeUnit.SECONDS)) {
                    throw new IOException("Paho baseline stalled at byte " + sent);
                }
                MqttMessage m = new MqttMessage(payload);
                m.setQos(1);
                pub.publish(topic, m);
                sent += n;
            }
            if (!all.await(MqttBench.BOUND_SECONDS, TimeUnit.SECONDS) || failure.get() != null) {
                throw new IOException("Paho baseline: " + received.get() + " of " + size + " bytes arrived", failure.get());
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            for (MqttAsyncClient c : List.of(pub, sub)) {
                try {
                    if (c.isConnected()) {
                        c.disconnect(0).waitForCompletion(2_000);
                    }
                    c.close(true);
                } catch (MqttException e) {
                    // closing anyway
                }
            }
        }
    }

    abstract static class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
        }
    }

    static MqttConnectOptions options(SSLSocketFactory tls, String user, int inflight) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setUserName(user);
        o.setPassword((user + "-secret").toCharArray());
        o.setMaxInflight(Math.max(10, inflight));
        if (tls != null) {
            o.setSocketFactory(tls);
        }
        return o;
    }

    static SSLSocketFactory pemTrust(Path pem) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("c" + i++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }
}
