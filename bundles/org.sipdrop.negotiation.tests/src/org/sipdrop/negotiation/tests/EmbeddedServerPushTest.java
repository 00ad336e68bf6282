package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.negotiation.tests.Peers.Peer;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;

/**
 * The push through SipDrop's own embedded server as registrar and proxy (RFC 3261 §10, §16):
 * both users register at a server started here, in open mode and with digest authentication
 * from a users file (RFC 7616); alice offers to bob's address-of-record, the server routes the
 * INVITE to bob's contact and the bytes go straight between the two MSRP endpoints.
 */
class EmbeddedServerPushTest {

    private static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");

    @TempDir
    Path dir;
    private Peers peers;
    private EmbeddedServer server;

    @BeforeEach
    void start() throws Exception {
        peers = new Peers();
    }

    @AfterEach
    void stop() {
        peers.close();
        if (server != null) {
            server.close();
        }
    }

    private void startServer(boolean digest) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "udp,tcp"));
        if (digest) {
            Path users = dir.resolve("users.txt");
            StringBuilder lines = new StringBuilder();
            USERS.forEach((u, p) -> lines.append(u).append(':').append(p).append('\n'));
            Files.writeString(users, lines, StandardCharsets.UTF_8);
            settings.put(EmbeddedServerFactory.USERS, users.toString());
        }
        server = peers.service(EmbeddedServerFactory.class).start(settings);
        assertEquals(!digest, server.openMode());
    }

    private String tcpUri() {
        return server.uris().stream().filter(u -> u.endsWith("transport=tcp")).findFirst().orElseThrow();
    }

    private Peer registered(String user, boolean digest) throws Exception {
        SipEndpoint ep = peers.sip.open(SipEndpointConfig.of(user, "127.0.0.1", 0, Set.of(SipTransport.TCP)));
        peers.track(ep);
        SipAccount.Builder account = SipAccount.builder("sip:" + user + "@127.0.0.1").registrar(tcpUri())
                .transport(SipTransport.TCP);
        if (digest) {
            account.password(USERS.get(user));
        }
        SipUserAgent ua = ep.userAgent(account.build());
        assertEquals(200, ua.register().get(15, TimeUnit.SECONDS).status(), user + " registers");
        return peers.attach(ua, "all", null, dir.resolve(user + "-in"));
    }

    @Test
    void pushThroughTheOpenModeServerDeliversTheVerifiedFile() throws Exception {
        startServer(false);
        pushAliceToBob(false, 12);
    }

    @Test
    void pushThroughTheDigestServerDeliversTheVerifiedFile() throws Exception {
        startServer(true);
        pushAliceToBob(true, 13);
    }

    private void pushAliceToBob(boolean digest, long seed) throws Exception {
        Peer alice = registered("alice", digest);
        Peer bob = registered("bob", digest);
        Path file = Peers.randomFile(dir.resolve("out"), "minutes.odt", 512 * 1024, seed);
        Transfer sent = alice.agent().send("sip:bob@127.0.0.1", List.of(file), SendOptions.defaults()).get(0);
        Transfer got = Peers.incoming(bob, 0);
        assertEquals(TransferState.COMPLETED, Peers.end(got), () -> "receiver: " + got.failure());
        assertEquals(TransferState.COMPLETED, Peers.end(sent), () -> "sender: " + sent.failure());
        Path saved = got.file().orElseThrow();
        assertEquals(bob.folder().toRealPath().resolve("minutes.odt"), saved);
        assertEquals(Peers.sha1(file), Peers.sha1(saved));
        assertEquals(got.offer().sha1Hex().orElseThrow(), Peers.sha1(saved));
        assertEquals("sip:alice@127.0.0.1", got.peer());
    }
}
