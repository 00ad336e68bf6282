package org.sipdrop.transport.mqtt.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Mosquitto;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportConfiguration;

/**
 * A real mosquitto on 127.0.0.1 (plain and TLS listeners, password authentication; {@link Mosquitto})
 * and the MQTT transport configured for it through Configuration Admin (PID {@value #PID}) as
 * user alice, the broker's self-signed certificate as its PEM trust store, with short resend and
 * stall times so failures show in seconds. Stopping the transport disables its DS component.
 */
final class BrokerFixture implements AutoCloseable {

    static final String PID = "org.sipdrop.transport.mqtt";
    static final String COMPONENT = "org.sipdrop.transport.mqtt.internal.MqttTransportProvider";
    static final Duration WAIT = Duration.ofSeconds(15);
    static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret", "carol", "carol-secret");

    private final BundleContext context = FrameworkUtil.getBundle(BrokerFixture.class).getBundleContext();
    private final TransportConfiguration configurations = new TransportConfiguration(context, PID, WAIT);
    private final ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> scr = new ServiceTracker<>(context,
            ServiceComponentRuntime.class, null);
    private final Mosquitto broker;

    BrokerFixture(Path dir) throws Exception {
        Files.createDirectories(dir);
        int mqtt = FreePorts.tcp();
        int mqtts;
        do {
            mqtts = FreePorts.tcp();
        } while (mqtts == mqtt);
        broker = Mosquitto.start(dir, mqtt, mqtts, USERS);
        scr.open();
    }

    Mosquitto broker() {
        return broker;
    }

    /** The settings of user {@code user} for this broker. */
    Map<String, Object> settings(String user) {
        Map<String, Object> p = new HashMap<>();
        p.put("broker", "127.0.0.1");
        p.put("port", broker.mqttPort());
        p.put("tls.port", broker.mqttsPort());
        p.put("user", user);
        p.put(".password", USERS.get(user));
        p.put("tls.trust.store", broker.certificate().toString());
        p.put("resend.after.ms", 500);
        p.put("stall.timeout.ms", 8_000);
        p.put("connect.timeout.ms", 5_000);
        return p;
    }

    /** Configures the transport as alice; waits until it runs so. */
    TransportProvider configure() throws Exception {
        return configure(settings("alice"));
    }

    TransportProvider configure(Map<String, Object> settings) throws Exception {
        enable();
        return configurations.apply(settings);
    }

    /** Disables the transport's DS component (as stopping its bundle would) and waits until it is gone. */
    void disable() throws Exception {
        ServiceComponentRuntime runtime = runtime();
        runtime.disableComponent(description(runtime)).getValue();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!context.getServiceReferences(TransportProvider.class, "(" + TransportProvider.SCHEME_PROPERTY + "=mqtt)").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The MQTT transport is still registered after disabling its component");
            }
            Thread.sleep(20);
        }
    }

    /** Enables the component again when a test disabled it. */
    void enable() throws Exception {
        ServiceComponentRuntime runtime = runtime();
        ComponentDescriptionDTO d = description(runtime);
        if (!runtime.isComponentEnabled(d)) {
            runtime.enableComponent(d).getValue();
        }
    }

    private ServiceComponentRuntime runtime() throws InterruptedException {
        ServiceComponentRuntime r = scr.waitForService(WAIT.toMillis());
        if (r == null) {
            throw new IllegalStateException("no ServiceComponentRuntime in the test runtime");
        }
        return r;
    }

    private ComponentDescriptionDTO description(ServiceComponentRuntime runtime) {
        ComponentDescriptionDTO d = runtime.getComponentDescriptionDTO(context.getBundle(), COMPONENT);
        if (d == null) {
            throw new IllegalStateException("No DS component " + COMPONENT + " in " + context.getBundle().getSymbolicName());
        }
        return d;
    }

    @Override
    public void close() throws Exception {
        try {
            enable();
            configurations.delete();
        } finally {
            broker.close();
            scr.close();
            configurations.close();
        }
    }
}
