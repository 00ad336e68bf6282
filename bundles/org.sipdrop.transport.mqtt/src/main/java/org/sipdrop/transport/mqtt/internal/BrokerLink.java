package org.sipdrop.transport.mqtt.internal;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.net.ssl.SSLException;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

/**
 * The one connection to one broker listener (plain or TLS) that every transfer of that scheme
 * shares: a Paho {@link MqttAsyncClient} with a clean session (the broker keeps nothing when it
 * ends), in-memory persistence, automatic reconnection, and a map from each open transfer endpoint's
 * inbox to that endpoint. After a reconnect (a broker restart loses clean sessions) it subscribes
 * every inbox again and tells each endpoint, which then resends what is unacknowledged.
 * <p>
 * Threads: Paho's own per connection (sender, receiver, callback, ping and reconnect timers),
 * whatever the number of transfers. Memory: Paho holds at most {@code max.inflight} unacknowledged
 * messages of at most {@code chunk.size} bytes each.
 */
final class BrokerLink implements MqttCallbackExtended, Wire {

    /** One endpoint's view of the link. Called on Paho's callback thread: return quickly. */
    interface Inbox {
        /** A message arrived on the inbox; {@code from} is the sender's user as the topic names it. */
        void arrived(String from, MqttEndpoint.Kind kind, byte[] payload);

        /** The link connected again and the inbox is subscribed again: send what was lost. */
        void reconnected();
    }

    private static final Logger LOG = Logger.getLogger(BrokerLink.class.getName());

    private final MqttSettings settings;
    private final BrokerAddress address;
    private final Map<String, Inbox> inboxes = new ConcurrentHashMap<>();
    private volatile MqttAsyncClient client; // set under this
    private volatile boolean closed;
    private volatile String lastLoss = "";
    /** Signals a (re)connection; not {@code this}, which {@link #connect()} holds while Paho's threads call back. */
    private final Object connectedSignal = new Object();

    BrokerLink(MqttSettings settings, BrokerAddress address) {
        this.settings = settings;
        this.address = address;
    }

    BrokerAddress address() {
        return address;
    }

    /**
     * Connects unless connected; waits a bounded time for a reconnection in progress.
     *
     * @throws TransportException {@link Reason#FORBIDDEN} when the broker refuses the credentials,
     *         {@link Reason#UNREACHABLE} when it cannot be reached or its certificate is not trusted,
     *         {@link Reason#UNAVAILABLE} once the transport stopped
     */
    synchronized void connect() throws TransportException {
        checkOpen();
        if (client != null) {
            if (awaitConnected()) {
                return;
            }
            throw new TransportException(Reason.UNREACHABLE, "the MQTT broker " + address + " is unreachable: " + lastLoss);
        }
        MqttAsyncClient c = null;
        try {
            c = new MqttAsyncClient(address.pahoServerUri(), settings.newClientId(address.tls()), new MemoryPersistence());
            c.setCallback(this);
            c.connect(options()).waitForCompletion(settings.connectTimeout().toMillis());
            client = c;
        } catch (MqttException e) {
            closeQuietly(c);
            throw refused(e);
        } catch (IOException e) {
            closeQuietly(c);
            throw new TransportException(Reason.UNAVAILABLE, "the MQTT transport's " + e.getMessage(), e);
        }
    }

    private boolean awaitConnected() throws TransportException {
        long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
        while (!client.isConnected() && System.nanoTime() < deadline) {
            checkOpen();
            try {
                synchronized (connectedSignal) {
                    connectedSignal.wait(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TransportException(Reason.CANCELLED, "interrupted while waiting for the MQTT broker", e);
            }
        }
        return client.isConnected();
    }

    private MqttConnectOptions options() throws IOException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay((int) Math.min(5_000, settings.resendAfter().toMillis() * 2));
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout((int) Math.max(1, settings.connectTimeout().toSeconds()));
        o.setMaxInflight(settings.maxInflight());
        if (!settings.user().isEmpty()) {
            o.setUserName(settings.user());
            o.setPassword(settings.password().clone());
        }
        if (address.tls()) {
            o.setSocketFactory(NoDelaySockets.tls(TlsSockets.of(settings)));
            o.setHttpsHostnameVerificationEnabled(true);
        } else {
            o.setSocketFactory(NoDelaySockets.plain());
        }
        return o;
    }

    private TransportException refused(MqttException e) {
        String who = settings.user().isEmpty() ? "an anonymous client" : "user " + settings.user();
        switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                return new TransportException(Reason.FORBIDDEN, "the MQTT broker " + address + " refused " + who
                        + ": wrong user name or password", e);
            case MqttException.REASON_CODE_NOT_AUTHORIZED:
                // mosquitto answers a wrong password with 5 too (MQTT 3.1.1 §3.2.2.3)
                return new TransportException(Reason.FORBIDDEN, "the MQTT broker " + address + " refused " + who
                        + ": not authorized (wrong user name or password, or the user may not connect)", e);
            default:
                Throwable cause = e.getCause();
                while (cause != null && !(cause instanceof SSLException) && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                String why = cause instanceof SSLException ? "TLS failed: " + cause.getMessage()
                        : cause != null ? cause.toString() : e.getMessage();
                return new TransportException(Reason.UNREACHABLE, "cannot connect to the MQTT broker " + address + ": " + why, e);
        }
    }

    /**
     * Subscribes {@code inbox}'s filter and routes what arrives there to it.
     *
     * @throws TransportException {@link Reason#FORBIDDEN} when the broker's ACL refuses it
     */
    void subscribe(String filter, Inbox inbox) throws TransportException {
        connect();
        inboxes.put(filter, inbox);
        try {
            IMqttToken t = client().subscribe(filter, MqttEndpoint.QOS);
            t.waitForCompletion(settings.connectTimeout().toMillis());
            int[] granted = t.getGrantedQos();
            if (granted.length > 0 && granted[0] == 0x80) {
                throw new TransportException(Reason.FORBIDDEN, "the MQTT broker " + address + " refused the subscription to "
                        + filter + " (its ACL must let " + settings.identity() + " read " + settings.prefix() + "/"
                        + settings.identity() + "/#)");
            }
        } catch (MqttException e) {
            inboxes.remove(filter);
            throw new TransportException(Reason.UNREACHABLE, "subscribing to " + filter + " on " + address + " failed: " + e.getMessage(), e);
        } catch (TransportException e) {
            inboxes.remove(filter);
            throw e;
        }
    }

    /** Stops routing to the inbox and unsubscribes it, without waiting. */
    void unsubscribe(String filter) {
        inboxes.remove(filter);
        MqttAsyncClient c = currentClient();
        if (c != null && c.isConnected()) {
            try {
                c.unsubscribe(filter);
            } catch (MqttException e) {
                LOG.log(Level.FINE, "unsubscribing " + filter, e);
            }
        }
    }

    /**
     * Publishes with QoS 1, never retained, without waiting for the broker.
     *
     * @return the delivery token, or empty when the link is down or Paho's in-flight window is full
     *         (the caller tries again later: everything it sends is idempotent)
     */
    private Optional<IMqttDeliveryToken> deliver(String topic, byte[] payload) {
        MqttAsyncClient c = currentClient();
        if (c == null || !c.isConnected() || closed) {
            return Optional.empty();
        }
        MqttMessage m = new MqttMessage(payload);
        m.setQos(MqttEndpoint.QOS);
        m.setRetained(false);
        try {
            return Optional.of(c.publish(topic, m));
        } catch (MqttException e) {
            if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT
                    && e.getReasonCode() != MqttException.REASON_CODE_CLIENT_NOT_CONNECTED) {
                LOG.log(Level.FINE, "publishing to " + topic, e);
            }
            return Optional.empty();
        }
    }

    @Override
    public boolean publish(String topic, byte[] payload) {
        return deliver(topic, payload).isPresent();
    }

    /** Publishes and waits, at most {@code millis}, until the broker has it; false when it could not. */
    @Override
    public boolean publishAndWait(String topic, byte[] payload, long millis) {
        Optional<IMqttDeliveryToken> t = deliver(topic, payload);
        if (t.isEmpty()) {
            return false;
        }
        try {
            t.get().waitForCompletion(millis);
            return t.get().isComplete() && t.get().getException() == null;
        } catch (MqttException e) {
            return false;
        }
    }

    /** @return whether the link is connected now */
    @Override
    public boolean connected() {
        MqttAsyncClient c = currentClient();
        return c != null && c.isConnected();
    }

    @Override
    public String state() {
        return address + (connected() ? " (connected)" : ": " + (lastLoss.isEmpty() ? "not connected" : lastLoss));
    }

    private MqttAsyncClient currentClient() {
        return client;
    }

    private MqttAsyncClient client() throws TransportException {
        MqttAsyncClient c = currentClient();
        if (c == null) {
            throw new TransportException(Reason.UNAVAILABLE, "the MQTT transport was stopped");
        }
        return c;
    }

    private void checkOpen() throws TransportException {
        if (closed) {
            throw new TransportException(Reason.UNAVAILABLE, "the MQTT transport was stopped");
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        synchronized (connectedSignal) {
            connectedSignal.notifyAll();
        }
        if (!reconnect || inboxes.isEmpty()) {
            return;
        }
        LOG.info(() -> "Reconnected to the MQTT broker " + address + "; subscribing " + inboxes.size() + " transfer(s) again");
        MqttAsyncClient c = currentClient();
        String[] filters = inboxes.keySet().toArray(String[]::new);
        int[] qos = new int[filters.length];
        java.util.Arrays.fill(qos, MqttEndpoint.QOS);
        try { // without waiting: this runs on Paho's callback thread, which completes the token
            if (c != null) {
                c.subscribe(filters, qos, null, new IMqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        for (String f : filters) {
                            Inbox inbox = inboxes.get(f);
                            if (inbox != null) {
                                inbox.reconnected();
                            }
                        }
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        LOG.log(Level.WARNING, "Could not subscribe " + filters.length + " transfer(s) again after reconnecting", e);
                    }
                });
            }
        } catch (MqttException | RuntimeException ex) {
            LOG.log(Level.WARNING, "Could not subscribe " + filters.length + " transfer(s) again after reconnecting", ex);
        }
    }

    @Override
    public void connectionLost(Throwable cause) {
        lastLoss = "connection lost (" + cause + ")";
        LOG.warning(() -> "Lost the connection to the MQTT broker " + address + ": " + cause + "; reconnecting");
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        try { // an exception here would make Paho drop the connection
            MqttEndpoint.Addressed.of(topic).ifPresent(a -> {
                Inbox inbox = inboxes.get(a.inbox());
                if (inbox != null) {
                    inbox.arrived(a.from(), a.kind(), message.getPayload());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A message on " + topic + " could not be handled", e);
        }
    }

    @Override
    public void deliveryComplete(IMqttDeliveryToken token) {
        // progress is counted by the receiver's acknowledgements, after it wrote the bytes
    }

    /** Ends the connection; later calls fail {@link Reason#UNAVAILABLE}. */
    void close() {
        closed = true;
        MqttAsyncClient c;
        synchronized (this) {
            c = client;
            client = null;
        }
        synchronized (connectedSignal) {
            connectedSignal.notifyAll();
        }
        inboxes.clear();
        closeQuietly(c);
    }

    private static void closeQuietly(MqttAsyncClient c) {
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnect(0).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            try {
                c.disconnectForcibly(0, 1_000);
            } catch (MqttException ignored) {
                // closing anyway
            }
        }
        try {
            c.close(true);
        } catch (MqttException e) {
            LOG.log(Level.FINE, "closing the MQTT client", e);
        }
    }

    @Override
    public String toString() {
        return "MQTT link to " + address + (connected() ? "" : " (down)");
    }
}
