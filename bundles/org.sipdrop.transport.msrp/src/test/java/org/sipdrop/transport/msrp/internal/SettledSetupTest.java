package org.sipdrop.transport.msrp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportParameter;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transport.msrp.internal.session.MsrpStack;
import org.sipdrop.transport.msrp.internal.session.RawReceiver;
import org.sipdrop.transport.msrp.internal.session.StackConfig;

/**
 * An offerer's session opens waiting ({@code a=setup:actpass}); an answer of {@code passive}, or
 * none from an RFC 4975 answerer, makes the offerer connect (RFC 6135 §4.2.2, RFC 4975 §5.4):
 * here to a raw receiver that only listens.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SettledSetupTest {

    private final ExecutorService peer = Executors.newSingleThreadExecutor();
    private MsrpStack alice;

    @AfterEach
    void stop() {
        peer.shutdownNow();
        if (alice != null) {
            alice.close();
        }
    }

    @Test
    void actpassOffererConnectsWhenTheAnswerLeavesItToIt() throws Exception {
        alice = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000));
        byte[] file = new byte[5_000];
        new Random(3).nextBytes(file);
        TransportRequest request = new TransportRequest(FileOffer.builder("a.bin", file.length).build(),
                Direction.OUTGOING, "sip:bob@127.0.0.1", "msrp", 0).with(TransportParameter.SETUP, ConnectionRole.ACTPASS);
        try (RawReceiver bob = new RawReceiver(RawReceiver.Reports.WHOLE_AT_END, t -> true);
                MsrpTransportSession tx = new MsrpTransportSession(alice.openSession(false, MsrpTransportProvider.isActive(request)),
                        request)) {
            Future<List<RawReceiver.Chunk>> got = peer.submit(bob::receiveMessage);
            request.settle(TransportParameter.SETUP, ConnectionRole.ACTIVE); // the answer said passive
            tx.send(TransportEndpoint.of(URI.create(bob.uri())), Channels.newChannel(new ByteArrayInputStream(file)), n -> { });
            List<RawReceiver.Chunk> chunks = got.get(10, TimeUnit.SECONDS);
            assertArrayEquals(file, RawReceiver.assemble(chunks));
            assertTrue(chunks.get(0).header("To-Path").equals(bob.uri()));
        }
    }
}
