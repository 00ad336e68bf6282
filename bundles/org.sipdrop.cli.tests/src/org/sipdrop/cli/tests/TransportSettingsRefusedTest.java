package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.cli.internal.config.Applied;
import org.sipdrop.cli.internal.config.Applier;
import org.sipdrop.cli.internal.config.GivenSettings;
import org.sipdrop.cli.internal.config.TransportFlags;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/**
 * A transport setting the transport refuses ends the command at once, in the transport's own
 * words and with the usage exit code, instead of a transfer failing after the wait for the
 * transport: the MSRP provider refuses a relay that is no MSRP URI, the HTTP storage provider a
 * trust store it cannot read, each naming the setting. The CLI learns it from SCR (a component
 * configuration that failed to activate, DS 1.4) without knowing either transport, and puts the
 * previous configuration back, so that the next settings reach the transport. An optional setting
 * left unset stays valid, also right after a refusal. The refused commands name an unreachable SIP
 * server: they must fail before using it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TransportSettingsRefusedTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NOWHERE = "sip:127.0.0.1:9";

    @TempDir
    static Path dir;

    private static final Services services = new TrackedServices(
            FrameworkUtil.getBundle(TransportSettingsRefusedTest.class).getBundleContext());
    private static EmbeddedServer server;

    @BeforeAll
    static void startServer() throws Exception {
        EmbeddedServerFactory factory = services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow();
        server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aRelayThatIsNoMsrpUriEndsTheSendAtOnceNamingTheSetting() throws Exception {
        CommandRun alice = new CommandRun(services);

        int code = alice.run("send", "--user", "alice", "--server", NOWHERE, "--to", "bob", "--msrp-relay", "msrps://",
                file("relay.txt").toString());

        assertEquals(Command.USAGE, code, alice.err());
        assertTrue(alice.err().contains("sipdrop: the MSRP transport refused its settings: Setting 'relay.uri': 'msrps://'"
                + " is not an MSRP relay URI"), alice.err());
        assertConfigurationRestored("org.sipdrop.transport.msrp");
    }

    @Test
    @Order(2)
    void anUnreadableStorageTrustStoreEndsTheReceiveAtOnceNamingTheSetting() throws Exception {
        Path missing = dir.resolve("missing-trust.p12");
        CommandRun bob = new CommandRun(services);

        int code = bob.run("receive", "--user", "bob", "--server", NOWHERE, "--into", Files.createDirectories(dir.resolve("bob"))
                .toString(), "--count", "1", "--timeout", "5", "--http-tls-trust-store", missing.toString());

        assertEquals(Command.USAGE, code, bob.err());
        assertTrue(bob.err().contains("sipdrop: the HTTP storage transport refused its settings: Setting 'tls.trust.store': "
                + "cannot read the storage trust store '" + missing + "'"), bob.err());
        assertConfigurationRestored("org.sipdrop.transport.http");
    }

    @Test
    @Order(3)
    void anUnreadableMsrpTrustStoreEndsTheSendAtOnceNamingTheSetting() throws Exception {
        Path missing = dir.resolve("missing-msrp-trust.p12");
        CommandRun alice = new CommandRun(services);

        int code = alice.run("send", "--user", "alice", "--server", NOWHERE, "--to", "bob", "--msrp-trust-store",
                missing.toString(), file("trust.txt").toString());

        assertEquals(Command.USAGE, code, alice.err());
        assertTrue(alice.err().contains("sipdrop: the MSRP transport refused its settings: Setting 'tls.trust.store': the MSRP"
                + " TLS trust store " + missing + " is not a readable file"), alice.err());
        assertConfigurationRestored("org.sipdrop.transport.msrp");
    }

    /** After the refusals: settings that leave the relay, the trust stores and the rest unset carry a file. */
    @Test
    @Order(4)
    void unsetOptionalSettingsAreNoRefusal() throws Exception {
        String sipServer = server.uris().get(0).replaceFirst(";.*", "");
        byte[] content = new byte[150_000];
        new Random(4975).nextBytes(content);
        Path file = Files.write(Files.createDirectories(dir.resolve("alice-valid")).resolve("valid.bin"), content);
        Path into = Files.createDirectories(dir.resolve("bob-valid"));
        List<String> msrpFlags = List.of("--msrp-chunk-size", "65536");
        List<String> receive = new ArrayList<>(List.of("receive", "--user", "bob", "--server", sipServer, "--transport", "tcp",
                "--into", into.toString(), "--accept", "all", "--count", "1", "--timeout", Long.toString(WAIT.toSeconds())));
        receive.addAll(msrpFlags);
        List<String> send = new ArrayList<>(List.of("send", "--user", "alice", "--server", sipServer, "--transport", "tcp",
                "--to", "bob", "--via", "msrp"));
        send.addAll(msrpFlags);
        send.add(file.toString());
        CommandRun bob = new CommandRun(services);
        CommandRun alice = new CommandRun(services);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> receiving = pool.submit(() -> bob.run(receive.toArray(String[]::new)));
            bob.awaitPrinted("waiting for files", receiving, WAIT);
            assertEquals(Command.OK, alice.run(send.toArray(String[]::new)), "alice: " + alice.err());
            assertEquals(Command.OK, receiving.get(WAIT.toSeconds(), TimeUnit.SECONDS).intValue(), "bob: " + bob.err());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertTrue(!alice.err().contains("refused its settings") && !bob.err().contains("refused its settings"),
                alice.err() + bob.err());
        assertArrayEquals(content, Files.readAllBytes(into.resolve("valid.bin")));
    }

    /**
     * The refused settings are withdrawn before the command ends, and SCR has taken that in: the
     * next settings, applied at once, reach the transport. (Felix SCR drops an update whose change
     * count is not above the last it saw for the PID; a deletion it handled only after the next
     * configuration existed left it on the refused settings, about one time in six.)
     */
    @Test
    @Order(5)
    void settingsAppliedRightAfterARefusalReachTheTransport() throws Exception {
        TransportDescription msrp = TransportFlags.installed(services).transport("msrp").orElseThrow();
        for (int i = 0; i < 10; i++) {
            CommandRun alice = new CommandRun(services);
            assertEquals(Command.USAGE, alice.run("send", "--user", "alice", "--server", NOWHERE, "--to", "bob",
                    "--msrp-trust-store", dir.resolve("missing-" + i).toString(), file("again.txt").toString()), alice.err());
            try (Applied applied = Applier.applyAll(List.of(new GivenSettings(msrp, Map.of("chunk.size", 65536 + i))), services)) {
                // the provider runs with them: applyAll returned
            } catch (CommandFailure e) {
                throw new AssertionError("attempt " + i + ": " + e.getMessage(), e);
            }
        }
    }

    private static Path file(String name) throws IOException {
        return Files.write(Files.createDirectories(dir.resolve("alice")).resolve(name), new byte[] { 1, 2, 3 });
    }

    /** The refused settings are not left behind: the provider runs with what it had before (here: nothing). */
    private static void assertConfigurationRestored(String pid) throws Exception {
        ConfigurationAdmin cm = services.await(ConfigurationAdmin.class, Duration.ofSeconds(5)).orElseThrow();
        assertNull(cm.listConfigurations("(service.pid=" + pid + ")"), "the command put back the " + pid + " configuration");
    }
}
