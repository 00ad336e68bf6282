package org.sipdrop.transport.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.configuration.Setting;
import org.sipdrop.configuration.TransportCatalog;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.transport.mqtt.internal.MqttTransportConfig;

/**
 * What SipDrop's CLI flags and preference fields are derived from (the {@link TransportCatalog}
 * reading the bundle's checked-in metatype) says what {@link MqttTransportConfig} says: every
 * attribute, its type and default, the broker required, the passwords secret and private (a
 * leading {@code .}: never a service property). tycho-ds-plugin writes no metatype, so the
 * document is written by hand; this keeps it from drifting.
 */
class DerivedSettingsTest {

    @Test
    void theCatalogDescribesEveryAttributeOfTheAnnotations() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DerivedSettingsTest.class).getBundleContext();
        ServiceTracker<TransportCatalog, TransportCatalog> t = new ServiceTracker<>(context, TransportCatalog.class, null);
        t.open();
        try {
            TransportCatalog catalog = t.waitForService(Duration.ofSeconds(15).toMillis());
            assertNotNull(catalog, "the configuration bundle's catalog runs");
            TransportDescription mqtt = catalog.installed().stream().filter(d -> d.scheme().equals("mqtt")).findFirst()
                    .orElseThrow(() -> new AssertionError("no description for mqtt in " + catalog.installed()));
            assertEquals("org.sipdrop.transport.mqtt", mqtt.pid());
            assertEquals("MQTT", mqtt.name());
            Map<String, String> fromAnnotations = new TreeMap<>();
            for (Method m : MqttTransportConfig.class.getDeclaredMethods()) {
                Object dflt = m.getDefaultValue();
                fromAnnotations.put(Configs.key(m.getName()), (m.getReturnType() == int.class ? "INTEGER" : "STRING") + "="
                        + (dflt == null ? "-" : dflt));
            }
            Map<String, String> described = new TreeMap<>();
            for (Setting s : mqtt.settings()) {
                String type = s.type() == Setting.Type.PASSWORD ? "STRING" : s.type().name();
                described.put(s.id(), type + "=" + s.defaultValue().orElse("-"));
                if (s.id().contains("password")) {
                    assertTrue(s.secret() && s.id().startsWith("."), s + " is a private secret");
                }
            }
            assertEquals(fromAnnotations, described);
            assertTrue(mqtt.setting("broker").orElseThrow().required(), "the broker is required");
            assertEquals("mqtt-broker", mqtt.flag(mqtt.setting("broker").orElseThrow()));
            assertEquals("mqtt-tls-trust-store-password", mqtt.flag(mqtt.setting(".tls.trust.store.password").orElseThrow()));
        } finally {
            t.close();
        }
    }
}
