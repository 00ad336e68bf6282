package org.sipdrop.transport.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerAddressTest {

    @Test
    void mqttMapsToPahoTcpWithIanaDefaultPort() {
        BrokerAddress a = BrokerAddress.parse("mqtt://broker.example.org");
        assertEquals("tcp://broker.example.org:1883", a.pahoServerUri());
        assertFalse(a.tls());
        assertEquals("mqtt://broker.example.org:1883", a.toString());
    }

    @Test
    void mqttsMapsToPahoSslWithIanaDefaultTlsPort() {
        BrokerAddress a = BrokerAddress.parse("MQTTS://broker.example.org/");
        assertEquals("ssl://broker.example.org:8883", a.pahoServerUri());
        assertTrue(a.tls());
        assertEquals("mqtts", a.scheme());
    }

    @Test
    void keepsAnExplicitPortAndIpLiterals() {
        assertEquals("tcp://127.0.0.1:11883", BrokerAddress.parse("mqtt://127.0.0.1:11883").pahoServerUri());
        assertEquals("ssl://[::1]:8884", BrokerAddress.parse(" mqtts://[::1]:8884 ").pahoServerUri());
        assertEquals(8884, BrokerAddress.parse("mqtts://[::1]:8884").port());
    }

    @Test
    void equalAddressesAreEqual() {
        assertEquals(BrokerAddress.parse("mqtt://Host.example:1883"), BrokerAddress.parse("mqtt://host.example"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "tcp://broker:1883", "ssl://broker:8883", "ws://broker", "http://broker", "broker:1883",
            "mqtt:broker", "mqtt://", "mqtt://broker:0", "mqtt://broker:70000", "mqtt://broker/topic", "mqtt://broker?x=1",
            "mqtt://broker#f", "mqtt://bro ker", "mqtt://under_score.example", "" })
    void rejectsAnythingButMqttOrMqttsHostPort(String address) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BrokerAddress.parse(address));
        assertTrue(e.getMessage().contains("mqtt://host"), e.getMessage());
    }

    @Test
    void rejectsCredentialsWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BrokerAddress.parse("mqtt://alice:hunter2@broker.example"));
        assertFalse(e.getMessage().contains("hunter2"));
    }
}
