package org.sipdrop.transport.mqtt.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The MQTT transport, written against SipDrop's exported transfer API only: files travel through
 * the enterprise's MQTT broker, as a session transport (RFC 5547 SDP, {@code m=message} with proto
 * {@value #PROTO} or {@value #PROTO_TLS} and the endpoint's URI in {@code a=path}). {@code mqtt}
 * uses the broker's plain listener, {@code mqtts} its TLS listener; each has one connection,
 * opened at the first transfer and shared by all.
 * <p>
 * The component starts only when Configuration Admin holds its configuration (PID {@value #PID},
 * {@link MqttTransportConfig}); a setting it cannot use stops it from starting, with an exception
 * that names the setting. Stopping it (bundle stop, configuration deleted) fails the transfers in
 * flight, tells their peers, and disconnects.
 */
@Component(service = TransportProvider.class, configurationPid = MqttTransportProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { TransportProvider.SCHEME_PROPERTY + "=" + BrokerAddress.MQTT,
                TransportProvider.SCHEME_PROPERTY + "=" + BrokerAddress.MQTTS,
                TransportProvider.NAME_PROPERTY + "=MQTT", "service.ranking:Integer=20" })
@Designate(ocd = MqttTransportConfig.class)
public final class MqttTransportProvider implements TransportProvider {

    /** Configuration PID. */
    public static final String PID = "org.sipdrop.transport.mqtt";
    /** SDP proto of {@code mqtt}: no IANA token exists for files over MQTT, so SipDrop names its own. */
    public static final String PROTO = "TCP/MQTT";
    /** SDP proto of {@code mqtts}. */
    public static final String PROTO_TLS = "TCP/TLS/MQTT";

    private final MqttSettings settings;
    private final Map<String, BrokerLink> links = new ConcurrentHashMap<>();
    private final Set<MqttTransportSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** @throws IllegalArgumentException naming the setting that is wrong: the component does not start */
    @Activate
    public MqttTransportProvider(MqttTransportConfig config) {
        this.settings = MqttSettings.of(config);
        for (String scheme : schemes()) {
            settings.address(scheme); // checked now, not at the first transfer
        }
        if (!settings.trustStore().isEmpty() || !settings.keyStore().isEmpty()) {
            try {
                TlsSockets.of(settings);
            } catch (IOException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
    }

    /** Fails the transfers in flight, tells their peers, disconnects. */
    @Deactivate
    void deactivate() {
        stopped = true;
        open.forEach(MqttTransportSession::stop);
        links.values().forEach(BrokerLink::close);
        links.clear();
    }

    @Override
    public String name() {
        return "MQTT";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(BrokerAddress.MQTT, BrokerAddress.MQTTS);
    }

    @Override
    public Carriage carriage(String scheme) {
        return Carriage.session(BrokerAddress.MQTTS.equalsIgnoreCase(scheme) ? PROTO_TLS : PROTO);
    }

    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        String scheme = request.scheme().toLowerCase(Locale.ROOT);
        if (!schemes().contains(scheme)) {
            throw new TransportException(Reason.UNAVAILABLE, "the MQTT transport does not serve scheme '" + request.scheme() + "'");
        }
        if (stopped) {
            throw new TransportException(Reason.UNAVAILABLE, "the MQTT transport was stopped");
        }
        BrokerLink link = links.computeIfAbsent(scheme, s -> new BrokerLink(settings, settings.address(s)));
        MqttTransportSession[] self = new MqttTransportSession[1];
        MqttTransportSession session = MqttTransportSession.open(link, settings, request, () -> open.remove(self[0]));
        self[0] = session;
        open.add(session);
        if (stopped) { // stopped while opening
            session.stop();
        }
        return session;
    }

    @Override
    public String toString() {
        return "MQTT transport: " + settings;
    }
}
