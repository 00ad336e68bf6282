package org.sipdrop.transport.mqtt.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.testing.FaultProxy;
import org.sipdrop.testing.FaultProxy.Direction;
import org.sipdrop.testing.FaultProxy.Plan;
import org.sipdrop.testing.FaultProxy.Reset;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transport.mqtt.internal.MqttTransportProvider;

/**
 * A client's connection to the broker cut in the middle of a transfer (a TCP reset at a random
 * byte, by {@link FaultProxy} between one user and mosquitto): Paho reconnects, the inbox is
 * subscribed again, what was not acknowledged is sent again, and the file arrives exactly, for a
 * cut on the sender's and on the receiver's side. A connection that never comes back fails the
 * transfer typed after the stall timeout, naming the broker; it never looks complete.
 */
@Timeout(120)
class MqttCutTest {

    private static final int SIZE = 3 * 1024 * 1024 + 5;

    @TempDir
    Path dir;
    private TwoUsers users;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws Exception {
        users = new TwoUsers(dir, "sipdrop", false);
        proxy = FaultProxy.start("127.0.0.1", users.broker.mqttPort());
    }

    @AfterEach
    void stop() throws Exception {
        try {
            proxy.close();
        } finally {
            users.close();
        }
    }

    private MqttTransportProvider viaProxy(String user) {
        Map<String, Object> s = users.settings(user, "sipdrop");
        s.put("port", proxy.port());
        return users.provider(s);
    }

    private MqttTransportProvider direct(String user) {
        return users.provider(users.settings(user, "sipdrop"));
    }

    /** @return a random byte count well inside the transfer, on the direction carrying its bulk */
    private static long somewhereInside() {
        return SIZE / 5 + new Random().nextInt(SIZE / 2);
    }

    @Test
    void theSendersConnectionResetMidTransferReconnectsAndDelivers() throws Exception {
        proxy.planNext(Plan.of(Direction.CLIENT_TO_SERVER, new Reset(somewhereInside())));
        users.new Exchange(viaProxy("alice"), direct("bob"), SIZE, "mqtt").run();
        assertEquals(1, proxy.broken(), "the connection was reset once");
        assertTrue(proxy.connections().size() >= 2, "Paho reconnected: " + proxy.connections().size() + " connection(s)");
    }

    @Test
    void theReceiversConnectionResetMidTransferReconnectsAndDelivers() throws Exception {
        proxy.planNext(Plan.of(Direction.SERVER_TO_CLIENT, new Reset(somewhereInside())));
        users.new Exchange(direct("alice"), viaProxy("bob"), SIZE, "mqtt").run();
        assertEquals(1, proxy.broken(), "the connection was reset once");
        assertTrue(proxy.connections().size() >= 2, "Paho reconnected: " + proxy.connections().size() + " connection(s)");
    }

    @Test
    void aConnectionThatNeverComesBackFailsTheTransferTypedNamingTheBroker() throws Exception {
        proxy.planNext(Plan.of(Direction.CLIENT_TO_SERVER, new Reset(somewhereInside())));
        proxy.planEach(i -> Plan.of(Direction.CLIENT_TO_SERVER, new Reset(0))); // every reconnection is reset at once
        TwoUsers.Exchange x = users.new Exchange(viaProxy("alice"), direct("bob"), SIZE, "mqtt");
        x.receive();
        x.send();
        ExecutionException e = assertThrows(ExecutionException.class, x::finish);
        TransportException t = (TransportException) e.getCause();
        assertTrue(t.getMessage().contains("stalled") || t.getMessage().contains("ended the MQTT transfer"), t.getMessage());
        assertTrue(x.bytesReceived() < SIZE, "the file is not complete: " + x.bytesReceived());
    }
}
