package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
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
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * A passive receiver (the answerer, RFC 6135 §4.2.2) trusts a direct binding only once it
 * settled (see {@link MsrpSession}); an active sender that got its 200 may close the connection
 * at once (RFC 4975 §5.4). A message received whole stands: the close is no rival claim.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SenderCloseWhileSettlingTest {

    private final ExecutorService callers = Executors.newSingleThreadExecutor();
    private MsrpStack bob;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void wholeMessageStandsWhenTheSenderClosesBeforeTheBindingSettled() throws Exception {
        bob = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000).withBindingSettle(2_000));
        byte[] file = new byte[100];
        new Random(2).nextBytes(file);
        MsrpSession rx = bob.openSession(false, false);
        String alice = "msrp://127.0.0.1:7654/alice01;tcp";
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Future<?> received = callers.submit(() -> {
            rx.receive(List.of(MsrpUri.parse(alice)), Channels.newChannel(got), file.length, n -> { });
            return null;
        });
        try (WireAttacker sender = new WireAttacker(bob.port())) {
            sender.sendTyped(rx.localUri().toString(), alice, "msg00001", "1-100/100", "application/octet-stream", file, '$');
            assertEquals(200, sender.nextResponse().status());
        } // closed at once, well inside the settle time
        received.get(10, TimeUnit.SECONDS);
        assertArrayEquals(file, got.toByteArray());
    }
}
