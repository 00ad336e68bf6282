package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;
import org.sipdrop.transport.msrp.internal.codec.ReceivedFrame;

/**
 * Connection set-up against the stack's threads. A peer that connects usually speaks at once
 * (the active side's first SEND, RFC 4975 §5.4; a TLS 1.3 server's session tickets), so a new
 * connection is often readable the moment it is registered with the selector: a worker may
 * parse its first frame while the thread that set the connection up is still returning. Every
 * such connection must go on being served after that first frame.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionSetupRaceTest {

    /** Connections opened by the test; bounded, enough to hit the set-up window without load. */
    private static final int CONNECTIONS = 1000;

    /** Peers talking at the same time, so that set-up and frame handling overlap on the workers. */
    private static final int PARALLEL = 16;

    private MsrpStack stack;
    private final ExecutorService peers = Executors.newFixedThreadPool(PARALLEL);

    @BeforeEach
    void start() throws IOException {
        // more workers than cores: the thread that accepts is often descheduled right after it
        // registered the connection, while another worker already reads from it
        stack = MsrpStack.start(StackConfig.defaults().withTimeouts(5_000, 5_000).withIo(8, 16 * 1024));
    }

    @AfterEach
    void stop() {
        peers.shutdownNow();
        stack.close();
    }

    @Test
    void connectionWhosePeerSpeaksFirstIsServedBeyondItsFirstFrame() throws Exception {
        MsrpUri nowhere = MsrpUri.of(false, "127.0.0.1", stack.port(), "nosuchsession");
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            outcomes.add(peers.submit(() -> twoRequestsOnAFreshConnection(nowhere)));
        }
        List<String> broken = new ArrayList<>();
        for (Future<String> f : outcomes) {
            String outcome = f.get(30, TimeUnit.SECONDS);
            if (!outcome.equals("481 481")) {
                broken.add(outcome);
            }
        }
        assertEquals(List.of(), broken, "connections that stopped being served after their first frame");
    }

    /** Writes a request before the stack has even accepted, then a second one after the answer. */
    private String twoRequestsOnAFreshConnection(MsrpUri to) {
        try (RawPeer peer = new RawPeer(stack.port(), "peer0001")) {
            peer.bodiless(to);
            ReceivedFrame first = peer.next();
            peer.bodiless(to);
            ReceivedFrame second = peer.next();
            return first.response().statusCode() + " " + second.response().statusCode();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
