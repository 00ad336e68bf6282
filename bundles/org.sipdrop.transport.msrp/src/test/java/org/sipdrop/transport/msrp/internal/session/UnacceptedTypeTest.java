package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipdrop.transport.msrp.internal.codec.AcceptTypes;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * "If the SEND request contained a Content-Type header field indicating an unsupported
 * media-type, and the Failure-Report value is not 'no', the receiver MUST generate a response
 * with a status code of 415" (RFC 4975 §7.3.1); a type this side accepted is taken. A raw sender.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnacceptedTypeTest {

    private static final String ALICE = "msrp://127.0.0.1:7654/alice01;tcp";

    private final ExecutorService callers = Executors.newSingleThreadExecutor();
    private MsrpStack bob;

    @AfterEach
    void stop() {
        callers.shutdownNow();
        if (bob != null) {
            bob.close();
        }
    }

    private Future<?> receive(MsrpSession rx, ByteArrayOutputStream got, AcceptTypes accepted) {
        return callers.submit(() -> {
            rx.receive(List.of(MsrpUri.parse(ALICE)), Channels.newChannel(got), 5, accepted, n -> { });
            return null;
        });
    }

    @Test
    void typeTheSdpDidNotAcceptIsAnswered415() throws Exception {
        bob = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000));
        MsrpSession rx = bob.openSession(false, false);
        Future<?> received = receive(rx, new ByteArrayOutputStream(), AcceptTypes.parse("message/cpim"));
        try (WireAttacker sender = new WireAttacker(bob.port())) {
            sender.sendTyped(rx.localUri().toString(), ALICE, "msg00001", "1-5/5", "text/plain", "hello".getBytes(), '$');
            assertEquals(415, sender.nextResponse().status());
        }
        ExecutionException e = assertThrows(ExecutionException.class, () -> received.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("415"), e.getCause().getMessage());
    }

    @Test
    void acceptedTypeByWildcardSubtypeIsTaken() throws Exception {
        bob = MsrpStack.start(StackConfig.defaults().withTimeouts(3_000, 3_000));
        MsrpSession rx = bob.openSession(false, false);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        Future<?> received = receive(rx, got, AcceptTypes.parse("message/cpim TEXT/*"));
        try (WireAttacker sender = new WireAttacker(bob.port())) {
            sender.sendTyped(rx.localUri().toString(), ALICE, "msg00001", "1-5/5", "text/plain; charset=utf-8",
                    "hello".getBytes(), '$');
            assertEquals(200, sender.nextResponse().status());
            received.get(10, TimeUnit.SECONDS);
        }
        assertArrayEquals("hello".getBytes(), got.toByteArray());
    }
}
