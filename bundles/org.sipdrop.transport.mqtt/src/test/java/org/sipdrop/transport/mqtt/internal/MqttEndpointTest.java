package org.sipdrop.transport.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;

class MqttEndpointTest {

    @Test
    void anEndpointIsItsUriAndBack() {
        MqttEndpoint e = new MqttEndpoint("mqtts", "broker.example.org", 8883, "acme/sipdrop", "alice", "0123abcd");
        assertEquals(URI.create("mqtts://broker.example.org:8883/acme/sipdrop/alice/0123abcd"), e.uri());
        assertEquals(e, MqttEndpoint.parse(e.uri()));
        assertEquals(1883, MqttEndpoint.parse(URI.create("mqtt://h/sipdrop/bob/x")).port(), "MQTT 3.1.1 §4.2 default port");
    }

    @Test
    void messagesToAnEndpointNameItsInboxAndTheirSender() {
        MqttEndpoint bob = new MqttEndpoint("mqtt", "h", 1883, "sipdrop", "bob", "id1");
        assertEquals("sipdrop/bob/id1/#", bob.inbox());
        String topic = bob.topicFrom("alice", MqttEndpoint.Kind.DATA);
        assertEquals("sipdrop/bob/id1/alice/data", topic);
        assertEquals(Optional.of(new MqttEndpoint.Addressed("sipdrop/bob/id1/#", "alice", MqttEndpoint.Kind.DATA)),
                MqttEndpoint.Addressed.of(topic));
        assertEquals(Optional.empty(), MqttEndpoint.Addressed.of("sipdrop/bob/id1/alice/retained"), "unknown kinds are not routed");
        assertEquals(Optional.empty(), MqttEndpoint.Addressed.of("data"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mqtt://h/sipdrop/bob", "http://h/sipdrop/bob/x", "mqtt://h/sip+drop/bob/x", "mqtt://h/sipdrop/b%2Fob/x",
            "mqtt://u@h/sipdrop/bob/x", "mqtt://h/sipdrop//bob/x", "mqtt://h/sipdrop/bob/x?y"})
    void malformedEndpointsAreRefused(String uri) {
        assertThrows(IllegalArgumentException.class, () -> MqttEndpoint.parse(URI.create(uri)));
    }

    @Test
    void brokerAndTenantAreComparedApart() {
        MqttEndpoint a = new MqttEndpoint("mqtt", "Broker", 1883, "sipdrop", "alice", "1");
        assertTrue(a.sameBroker(new MqttEndpoint("mqtt", "broker", 1883, "sipdrop", "bob", "2")));
        assertFalse(a.sameBroker(new MqttEndpoint("mqtt", "broker", 1884, "sipdrop", "bob", "2")));
        assertFalse(a.sameBroker(new MqttEndpoint("mqtts", "broker", 1883, "sipdrop", "bob", "2")));
        assertTrue(a.sameBroker(new MqttEndpoint("mqtt", "broker", 1883, "acme", "bob", "2")));
        assertFalse(a.sameTenant(new MqttEndpoint("mqtt", "broker", 1883, "acme", "bob", "2")));
        assertTrue(a.sameTenant(new MqttEndpoint("mqtt", "proxy", 1884, "sipdrop", "bob", "2")), "a proxy in front of the broker");
    }

    @Test
    void settingsRefuseByNameAndFallBackToTheClientIdAsIdentity() {
        assertEquals("alice", TestSettings.of(Map.of()).identity());
        MqttSettings anonymous = TestSettings.of(Map.of("user", "", "client.id", "ci-7"));
        assertEquals("ci-7", anonymous.identity());
        assertTrue(anonymous.newClientId(true).startsWith("ci-7-tls-"));
        assertFalse(anonymous.newClientId(false).equals(anonymous.newClientId(false)), "every connection has its own client id");
        for (Map.Entry<String, Object> bad : Map.<String, Object>of("broker", "", "port", 0, "user", "al ice", "topic.prefix", "$SYS",
                "chunk.size", 10, "stall.timeout.ms", 2_000).entrySet()) {
            Map<String, Object> p = new java.util.HashMap<>(Map.of("resend.after.ms", 3_000));
            p.put(bad.getKey(), bad.getValue());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TestSettings.of(p), bad.toString());
            assertTrue(e.getMessage().startsWith(bad.getKey() + ":"), e.getMessage());
        }
        assertFalse(TestSettings.of(Map.of(".password", "s3cret")).toString().contains("s3cret"), "no password in the description");
    }

    @Test
    void aPeersAbortCarriesItsReasonCleaned() {
        TransportException e = PeerAbort.parse("bob", "TOO_LARGE disk\u0007 full".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertEquals("bob ended the MQTT transfer: disk  full", e.getMessage());
        assertEquals(Reason.CANCELLED, PeerAbort.parse("bob", "WHATEVER x".getBytes(java.nio.charset.StandardCharsets.UTF_8)).reason());
    }
}
