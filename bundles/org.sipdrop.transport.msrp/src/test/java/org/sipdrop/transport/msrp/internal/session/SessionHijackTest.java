package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * RFC 4975 §5.4 and §14: when SipDrop is the passive side, the first connection whose SEND names
 * the session binds it. A third party that learnt both paths (it saw the SDP) may connect first.
 * A second connection claiming a bound session is refused (506) and closed, and the session is
 * ended as attacked: nothing received in it is taken. A binding made before the peer's path was
 * known must turn out to come from that peer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionHijackTest {

    private static final int SIZE = 4000;

    @TempDir
    Path dir;

    private MsrpStack alice;
    private MsrpStack bob;
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void start() throws IOException {
        // a long settle time: the legitimate sender connects well within it, whatever the load
        StackConfig c = StackConfig.defaults().withTimeouts(10_000, 10_000).withBindingSettle(20_000);
        alice = MsrpStack.start(c);
        bob = MsrpStack.start(c);
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        alice.close();
        bob.close();
    }

    @Test
    void attackerWhoConnectsFirstAndSendsTheWholeFileDoesNotGetItAccepted() throws Exception {
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false); // SipDrop passive: it waits for the peer
        Future<?> received = receiveInBackground(rx, tx);
        try (WireAttacker attacker = new WireAttacker(bob.port())) {
            byte[] forged = new byte[SIZE];
            Arrays.fill(forged, (byte) 'A');
            attacker.send(rx.localUri().toString(), tx.localUri().toString(), "forged01", "1-" + SIZE + "/" + SIZE,
                    forged, '$');
            assertEquals(200, attacker.nextResponse().status(), "the first claim binds the session");

            IOException refused = assertThrows(IOException.class, () -> sendRealFile(tx, rx));
            assertTrue(refused.getMessage().contains("506"), refused.getMessage());
        }
        ExecutionException failed = assertThrows(ExecutionException.class, () -> received.get(20, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("a second connection claimed the MSRP session"),
                failed.getCause().getMessage());
    }

    @Test
    void attackerWhoConnectsFirstIsCaughtWhenThePeerConnectsAndItsLaterChunksAre481() throws Exception {
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        Future<?> received = receiveInBackground(rx, tx);
        try (WireAttacker attacker = new WireAttacker(bob.port())) {
            String to = rx.localUri().toString();
            String from = tx.localUri().toString();
            attacker.send(to, from, "forged01", "1-" + (SIZE - 1) + "/" + SIZE, new byte[SIZE - 1], '+');
            assertEquals(200, attacker.nextResponse().status());

            assertThrows(IOException.class, () -> sendRealFile(tx, rx));

            attacker.send(to, from, "forged01", SIZE + "-" + SIZE + "/" + SIZE, new byte[1], '$');
            WireAttacker.Frame last = attacker.nextResponse();
            assertEquals(481, last == null ? -1 : last.status(), "the attacked session takes no more bytes");
        }
        ExecutionException failed = assertThrows(ExecutionException.class, () -> received.get(20, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("a second connection claimed the MSRP session"),
                failed.getCause().getMessage());
    }

    @Test
    void attackerWhoClaimsASessionBoundToThePeerIsAnswered506AndDisconnectedAndTheSessionEnds() throws Exception {
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        Future<?> received = receiveInBackground(rx, tx);
        Future<?> sent = callers.submit(() -> {
            sendRealFile(tx, rx);
            return null;
        });
        for (int i = 0; i < 1000 && rx.connection() == null; i++) {
            Thread.sleep(10); // until the peer's first SEND bound the session
        }
        try (WireAttacker attacker = new WireAttacker(bob.port())) {
            attacker.send(rx.localUri().toString(), tx.localUri().toString(), "forged01", "1-1/" + SIZE, new byte[1], '+');
            WireAttacker.Frame answer = attacker.nextResponse();
            assertEquals(506, answer.status(), "RFC 4975 §5.4: the session is bound to another connection");
            assertTrue(attacker.closedByPeer(), "the claiming connection is closed");
        }
        // the file may have been whole before the claim: the binding settles for 20 s, so the
        // receiver cannot have returned yet
        ExecutionException failed = assertThrows(ExecutionException.class, () -> received.get(20, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("a second connection claimed the MSRP session"),
                failed.getCause().getMessage());
        sent.cancel(true);
    }

    /**
     * The default push has the receiver connect (RFC 5547 push, {@code a=setup} absent): SipDrop
     * sends as the passive side. A third party that binds first must get no byte of the file.
     */
    @Test
    void attackerWhoBindsAPassiveSendersSessionFirstGetsNoByteOfTheFile() throws Exception {
        MsrpSession tx = bob.openSession(false, false);
        MsrpSession rx = alice.openSession(false, true);
        Future<?> sent = callers.submit(() -> {
            sendRealFile(tx, rx);
            return null;
        });
        awaitPeerKnown(tx);
        try (WireAttacker attacker = new WireAttacker(bob.port())) {
            attacker.bodiless(tx.localUri().toString(), rx.localUri().toString());
            assertEquals(200, attacker.nextResponse().status(), "the first claim binds the session");

            Future<?> received = callers.submit(() -> {
                try (FileChannel out = TestFiles.create(dir.resolve("legit.bin"))) {
                    rx.receive(tx.localPath(), out, SIZE, n -> { });
                }
                return null;
            });
            ExecutionException failed = assertThrows(ExecutionException.class, () -> sent.get(20, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("a second connection claimed the MSRP session"),
                    failed.getCause().getMessage());
            assertEquals(List.of(), attacker.startLinesUntilQuiet(500).stream().filter(l -> l.endsWith(" SEND")).toList(),
                    "no chunk of the file went to the third party");
            received.cancel(true);
        }
    }

    @Test
    void strangerWhoBindsTheSessionBeforeThePeerIsKnownIsRefused() throws Exception {
        MsrpSession tx = alice.openSession(false, true);
        MsrpSession rx = bob.openSession(false, false);
        try (WireAttacker stranger = new WireAttacker(bob.port())) {
            // From-Path not the peer's: the receiver has not yet been told the peer's path
            stranger.send(rx.localUri().toString(), "msrp://127.0.0.1:9/stranger1;tcp", "forged01", "1-3/3",
                    new byte[] { 1, 2, 3 }, '$');
            Thread.sleep(200); // let a worker take the SEND before the peer's path is known
            Path dst = dir.resolve("rx.bin");
            IOException refused;
            try (FileChannel out = TestFiles.create(dst)) {
                refused = assertThrows(IOException.class, () -> rx.receive(tx.localPath(), out, 3, n -> { }));
            }
            assertTrue(refused.getMessage().contains("not the negotiated peer"), refused.getMessage());
            WireAttacker.Frame answer = stranger.nextResponse();
            assertEquals(481, answer == null ? 481 : answer.status());
        }
    }

    @Test
    void connectionFromAnotherAddressThanThePeersPathNamesIsRefused() throws Exception {
        MsrpUri far = MsrpUri.of(false, "192.0.2.7", 2855, "farpeer1"); // TEST-NET-1: never this host
        try (MsrpStack shortWait = MsrpStack.start(StackConfig.defaults().withTimeouts(2_000, 2_000))) {
            MsrpSession rx = shortWait.openSession(false, false);
            Future<?> received = callers.submit(() -> {
                try (FileChannel out = TestFiles.create(dir.resolve("far.bin"))) {
                    rx.receive(List.of(far), out, 3, n -> { });
                }
                return null;
            });
            awaitPeerKnown(rx);
            try (WireAttacker attacker = new WireAttacker(shortWait.port())) {
                attacker.send(rx.localUri().toString(), far.toString(), "forged01", "1-3/3", new byte[] { 1, 2, 3 }, '$');
                assertEquals(481, attacker.nextResponse().status(), "127.0.0.1 is not 192.0.2.7");
            }
            ExecutionException failed = assertThrows(ExecutionException.class, () -> received.get(20, TimeUnit.SECONDS));
            assertTrue(failed.getCause().getMessage().contains("a connection from 127.0.0.1 was refused"),
                    failed.getCause().getMessage());
        }
    }

    @Test
    void withThePeerHostCheckOffAPeerBehindNatMayConnectFromAnotherAddress() throws Exception {
        MsrpUri natted = MsrpUri.of(false, "192.0.2.7", 2855, "natpeer1"); // its private address, say
        try (MsrpStack lenient = MsrpStack.start(StackConfig.defaults().withTimeouts(5_000, 5_000)
                .withBindingSettle(0).withPeerHostCheck(false))) {
            MsrpSession rx = lenient.openSession(false, false);
            Future<?> received = callers.submit(() -> {
                try (FileChannel out = TestFiles.create(dir.resolve("nat.bin"))) {
                    rx.receive(List.of(natted), out, 3, n -> { });
                }
                return null;
            });
            awaitPeerKnown(rx);
            try (WireAttacker peer = new WireAttacker(lenient.port())) {
                peer.send(rx.localUri().toString(), natted.toString(), "message1", "1-3/3", new byte[] { 1, 2, 3 }, '$');
                assertEquals(200, peer.nextResponse().status());
                received.get(20, TimeUnit.SECONDS);
            }
        }
    }

    /** RFC 4975 §14.1: the session-id, the URI's only secret, carries at least 80 bits of randomness. */
    @Test
    void sessionIdsCarryAtLeast80BitsOfRandomness() throws Exception {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            try (MsrpSession s = bob.openSession(false, false)) {
                String id = s.id();
                assertTrue(id.matches("[A-Za-z0-9]+"), id);
                assertTrue(id.length() * Math.log(62) / Math.log(2) >= 80, id + " is too short");
                ids.add(id);
            }
        }
        assertEquals(200, ids.size());
    }

    private static void awaitPeerKnown(MsrpSession rx) throws InterruptedException {
        for (int i = 0; i < 1000 && !rx.knowsPeer(); i++) {
            Thread.sleep(10);
        }
    }

    private Future<?> receiveInBackground(MsrpSession rx, MsrpSession tx) throws InterruptedException {
        Path dst = dir.resolve("rx.bin");
        Future<?> f = callers.submit(() -> {
            try (FileChannel out = TestFiles.create(dst)) {
                rx.receive(List.of(tx.localUri()), out, SIZE, n -> { });
            }
            return null;
        });
        for (int i = 0; i < 1000 && !rx.knowsPeer(); i++) {
            Thread.sleep(10); // until receive() recorded the peer's path
        }
        return f;
    }

    private void sendRealFile(MsrpSession tx, MsrpSession rx) throws IOException {
        Path src = dir.resolve("src.bin");
        if (!src.toFile().exists()) {
            TestFiles.random(dir, "src.bin", SIZE, 3);
        }
        try (FileChannel in = FileChannel.open(src)) {
            tx.send(rx.localPath(), in, SIZE, "application/octet-stream", n -> { });
        }
    }
}
