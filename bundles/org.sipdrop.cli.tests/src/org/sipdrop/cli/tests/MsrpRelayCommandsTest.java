package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sipdrop.cli.internal.Command;

import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.cli.internal.commands.ReceiveCommand;
import org.sipdrop.cli.internal.commands.SendCommand;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.testing.KamailioMsrpRelay;
import org.sipdrop.testing.ThrowAwayKeys;

/**
 * {@code send} and {@code receive} with the MSRP flags, run as {@code ./sipdrop} runs them, in one
 * OSGi runtime, SIP through the embedded server: through Kamailio's MSRP relay with digest AUTH
 * (RFC 4976), over TCP and TLS, and directly over msrps (RFC 4975 §14) with throw-away
 * certificates. The flags reach the MSRP provider through Configuration Admin, and its previous
 * configuration is back when the commands end. Sender and receiver share the runtime's one MSRP
 * provider, so both give the same MSRP flags, as two processes on one machine would.
 */
class MsrpRelayCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static final Services services = new TrackedServices(
            FrameworkUtil.getBundle(MsrpRelayCommandsTest.class).getBundleContext());
    private static KamailioMsrpRelay relay;
    private static EmbeddedServer server;
    private static String sipServer;
    private static Path key;
    private static Path trust;
    private static Path relayTrust;

    @BeforeAll
    static void startServers() throws Exception {
        Path keys = Files.createDirectories(dir.resolve("keys"));
        key = ThrowAwayKeys.selfSigned(keys, "endpoint");
        trust = ThrowAwayKeys.trusting(keys, key, "endpoint");
        Path relayKey = ThrowAwayKeys.selfSigned(keys, "relay");
        relayTrust = ThrowAwayKeys.trusting(keys, relayKey, "relay");
        relay = KamailioMsrpRelay.start(Files.createDirectories(dir.resolve("relay")), ThrowAwayKeys.pem(keys, relayKey, "relay"));
        EmbeddedServerFactory factory = services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow();
        server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
        sipServer = server.uris().get(0).replaceFirst(";.*", "");
    }

    @AfterAll
    static void stopServers() throws Exception {
        if (server != null) {
            server.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private static List<String> viaRelay(String address, String... more) {
        List<String> a = new ArrayList<>(List.of("--msrp-relay", address, "--msrp-relay-user", KamailioMsrpRelay.USER,
                "--msrp-relay-password", KamailioMsrpRelay.PASSWORD));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void pushGoesThroughTheRelayGivenOnTheCommandLine() throws Exception {
        long sendsBefore = relayedSends();
        push("relayed.bin", viaRelay(relay.address()), List.of());
        assertTrue(relayedSends() - sendsBefore >= 10, "the chunks went through the relay; its log:\n" + relay.tail());
    }

    @Test
    void pushOverMsrpsThroughTheRelaysTlsListener() throws Exception {
        long sendsBefore = relayedSends();
        push("relayed-tls.bin", viaRelay(relay.tlsAddress(), "--msrp-trust-store", relayTrust.toString(),
                "--msrp-trust-store-password", ThrowAwayKeys.PASSWORD), List.of("--via", "msrps"));
        assertTrue(relayedSends() - sendsBefore >= 10, "the chunks went through the relay; its log:\n" + relay.tail());
    }

    @Test
    void pushOverMsrpsDirectlyWithThrowAwayCertificates() throws Exception {
        long sendsBefore = relayedSends();
        push("direct-tls.bin", List.of("--msrp-key-store", key.toString(), "--msrp-key-store-password",
                ThrowAwayKeys.PASSWORD, "--msrp-trust-store", trust.toString(), "--msrp-trust-store-password",
                ThrowAwayKeys.PASSWORD), List.of("--via", "msrps"));
        assertEquals(sendsBefore, relayedSends(), "no relay was configured");
    }

    /**
     * Bob receives, Alice sends one file, both with the same MSRP flags; checks the bytes and that
     * the MSRP provider's configuration is gone again afterwards.
     */
    private static void push(String name, List<String> msrpFlags, List<String> sendFlags) throws Exception {
        byte[] content = new byte[95_000]; // ten chunks of at most 10 000 bytes through a relay
        new Random(4976).nextBytes(content);
        Path file = Files.write(Files.createDirectories(dir.resolve("alice")).resolve(name), content);
        Path into = Files.createDirectories(dir.resolve("bob-" + name));
        List<String> receive = new ArrayList<>(List.of("receive", "--user", "bob", "--server", sipServer, "--transport",
                "tcp", "--into", into.toString(), "--accept", "all", "--count", "1", "--timeout",
                Long.toString(WAIT.toSeconds())));
        receive.addAll(msrpFlags);
        List<String> send = new ArrayList<>(List.of("send", "--user", "alice", "--server", sipServer, "--transport", "tcp",
                "--to", "bob"));
        send.addAll(sendFlags);
        send.addAll(msrpFlags);
        send.add(file.toString());

        CommandRun bob = new CommandRun(services);
        CommandRun alice = new CommandRun(services);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> receiving = pool.submit(() -> bob.run(new ReceiveCommand(), receive));
            bob.awaitPrinted("waiting for files", receiving, WAIT);

            int sent = alice.run(new SendCommand(), send);
            assertEquals(Command.OK, sent, "send failed: " + alice.err() + "\nreceiver said: " + bob.err() + "\nrelay log:\n"
                    + relay.tail());
            assertEquals(Command.OK, receiving.get(WAIT.toSeconds(), TimeUnit.SECONDS).intValue(),
                    "receive failed: " + bob.err());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }

        Path saved = Path.of(bob.out().trim());
        assertEquals(into.resolve(name), saved);
        assertArrayEquals(content, Files.readAllBytes(saved));
        ConfigurationAdmin cm = services.await(ConfigurationAdmin.class, Duration.ofSeconds(5)).orElseThrow();
        assertNull(cm.listConfigurations("(service.pid=" + "org.sipdrop.transport.msrp" + ")"),
                "the commands restore the MSRP provider's configuration when they end");
    }

    /** @return SEND frames the relay logged ({@code msrp SEND from ...}) */
    private static long relayedSends() {
        try (Stream<String> lines = relay.logLines().stream()) {
            return lines.filter(l -> l.contains("msrp SEND")).count();
        }
    }
}
