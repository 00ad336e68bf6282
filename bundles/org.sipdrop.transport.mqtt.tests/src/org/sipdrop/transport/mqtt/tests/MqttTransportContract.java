package org.sipdrop.transport.mqtt.tests;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.testkit.TransportContract;

/**
 * The transport kit's contract for the MQTT transport against a real mosquitto on loopback
 * ({@link BrokerFixture}); one subclass per scheme: {@link MqttContractTest},
 * {@link MqttsContractTest}.
 */
abstract class MqttTransportContract extends TransportContract {

    private static BrokerFixture fixture;
    private TransportProvider provider;

    @BeforeAll
    static void startBroker() throws Exception {
        Path dir = Files.createTempDirectory("mqtt-contract");
        fixture = new BrokerFixture(dir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        fixture.close();
    }

    @BeforeEach
    final void configure() throws Exception {
        provider = fixture.configure();
    }

    @AfterEach
    final void enableAgain() throws Exception {
        fixture.enable();
    }

    @Override
    protected final TransportProvider provider() {
        return provider;
    }

    @Override
    protected final void stopProvider() throws Exception {
        fixture.disable();
    }

    @Override
    protected final void restartProvider() throws Exception {
        fixture.enable();
    }
}
