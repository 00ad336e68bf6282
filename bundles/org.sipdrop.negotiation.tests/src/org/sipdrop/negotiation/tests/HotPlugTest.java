package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * Transports are whiteboard services: stopping the MSRP transport at run time fails the transfer
 * in flight on it with a reason, makes new offers fail with "no common transport", and
 * starting it again restores sending.
 */
class HotPlugTest {

    private static final String COMPONENT = "org.sipdrop.transport.msrp.internal.MsrpTransportProvider";

    @TempDir
    Path dir;
    private Peers peers;
    private ServiceComponentRuntime scr;
    private ComponentDescriptionDTO msrp;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
        scr = peers.service(ServiceComponentRuntime.class);
        Bundle host = Arrays.stream(peers.context().getBundles())
                .filter(b -> "org.sipdrop.transport.msrp".equals(b.getSymbolicName())).findFirst().orElseThrow();
        msrp = scr.getComponentDescriptionDTO(host, COMPONENT);
    }

    @AfterEach
    void stop() throws Exception {
        if (!scr.isComponentEnabled(msrp)) {
            scr.enableComponent(msrp).getValue();
        }
        peers.close();
    }

    @Test
    void stoppingMsrpFailsTheTransferInFlightAndNewOffersUntilItStartsAgain() throws Exception {
        ShapingProvider slow = new ShapingProvider(peers.msrp()).register(peers.context());
        slow.slowDown(100);
        Peer alice = peers.direct("alice", "all", null, dir.resolve("alice-in"));
        Peer bob = peers.direct("bob", "all", null, dir.resolve("bob-in"));
        Path file = Peers.randomFile(dir.resolve("out"), "big.bin", 2 * 1024 * 1024, 21);
        Transfer inFlight = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        Transfer incoming = Peers.incoming(bob, 0);
        long deadline = System.nanoTime() + Peers.WAIT.toNanos();
        while (incoming.state() != TransferState.TRANSFERRING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }

        slow.unregister();
        scr.disableComponent(msrp).getValue();
        assertEquals(TransferState.FAILED, Peers.end(inFlight), "the sender's transfer in flight fails");
        assertEquals(TransferState.FAILED, Peers.end(incoming), "the receiver's transfer in flight fails");
        assertTrue(inFlight.failure().orElseThrow().reason().length() > 0);

        IOException none = assertThrows(IOException.class,
                () -> alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()));
        assertTrue(none.getMessage().startsWith("no common transport"), none.getMessage());

        scr.enableComponent(msrp).getValue();
        peers.msrp(); // waits until it is registered again
        Transfer again = alice.agent().send(bob.uri(), List.of(file), SendOptions.defaults()).get(0);
        assertEquals(TransferState.COMPLETED, Peers.end(again), () -> "after restart: " + again.failure());
        Transfer received = Peers.incoming(bob, 1);
        assertEquals(TransferState.COMPLETED, Peers.end(received), () -> "after restart: " + received.failure());
        assertEquals(Peers.sha1(file), Peers.sha1(received.file().orElseThrow()));
    }
}
