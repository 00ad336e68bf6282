package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.ConfigurationAdmin;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Kamailio;
import org.sipdrop.testing.Mosquitto;

/**
 * The MQTT transport ({@code org.sipdrop.transport.mqtt}, PID {@value #PID}, configuration
 * REQUIRE) configured from the command line by the {@code --mqtt-…} flags the CLI derives from its
 * metatype, against a real mosquitto on loopback that authenticates its users and enforces
 * SipDrop's example ACL ({@link Mosquitto.Builder#sipDropAcl()}). {@code transports} and
 * {@code help send} list the flags; {@code send --via mqtts} reaches {@code receive} through the
 * embedded server, {@code send --via mqtt} through Kamailio, and {@code pull --via mqtt} fetches
 * what {@code share} offers, each file verified; a missing {@code --mqtt-broker} is a usage error
 * and a wrong {@code --mqtt-password} a prompt failure naming the broker's refusal.
 * <p>
 * Both commands of an exchange run in this one OSGi runtime, which has one MQTT configuration: so
 * both give the same flags and log in to the broker as the same MQTT user, alice (separate
 * identities under the ACL are tested in {@code org.sipdrop.transport.mqtt.tests}). After each
 * exchange no retained message is left on the broker and the configuration the commands applied
 * is gone: it applied for them only.
 */
class MqttCommandsTest {

    private static final String PID = "org.sipdrop.transport.mqtt";
    private static final Map<String, String> USERS = Map.of("alice", "alice-secret", "bob", "bob-secret");
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    private static final Services services = new TrackedServices(
            FrameworkUtil.getBundle(MqttCommandsTest.class).getBundleContext());
    private static EmbeddedServer server;
    private static Mosquitto broker;

    @BeforeAll
    static void start() throws Exception {
        EmbeddedServerFactory factory = services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow();
        server = factory.start(Map.of(EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "tcp"));
        int[] ports = FreePorts.distinctTcp(2);
        broker = Mosquitto.builder(dir.resolve("broker"), ports[0], ports[1], USERS).sipDropAcl().start();
    }

    @AfterAll
    static void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** The {@code --mqtt-…} flags for the test broker, logged in as alice with {@code password}. */
    private static List<String> mqttFlags(String password) {
        return List.of("--mqtt-broker", "127.0.0.1", "--mqtt-port", Integer.toString(broker.mqttPort()), "--mqtt-tls-port",
                Integer.toString(broker.mqttsPort()), "--mqtt-user", "alice", "--mqtt-password", password,
                "--mqtt-tls-trust-store", broker.certificate().toString(), "--mqtt-connect-timeout-ms", "5000");
    }

    private static String embedded() {
        return server.uris().get(0).replaceFirst(";.*", "");
    }

    /**
     * No command runs, so MQTT has no configuration and does not run: {@code transports} knows it
     * from its component description and metatype alone, by both its schemes.
     */
    @Test
    void transportsListsMqttWithBothSchemesAndItsDerivedFlags() throws Exception {
        assertNull(configurations(), "MQTT has no configuration between commands");
        CommandRun run = new CommandRun(services);
        assertEquals(Command.OK, run.run("transports"), run.err());
        String out = run.out();
        assertTrue(out.lines().anyMatch(l -> l.matches("MQTT\\s+mqtt, mqtts\\s+\\(not running: .*")), out);
        assertTrue(out.contains("--mqtt-broker TEXT") && out.contains("Host name or IP address of the MQTT broker (the same for both peers) (required)"),
                out);
        assertTrue(out.contains("--mqtt-port N") && out.contains("(default 1883)"), out);
        assertTrue(out.contains("--mqtt-tls-port N") && out.contains("(default 8883)"), out);
        assertTrue(out.contains("--mqtt-user TEXT"), out);
        assertTrue(out.contains("--mqtt-password PASSWORD"), out);
        assertTrue(out.contains("--mqtt-tls-trust-store TEXT"), out);
        assertTrue(out.contains("--mqtt-tls-trust-store-password PASSWORD"), out);
        assertTrue(out.contains("--mqtt-tls-key-store TEXT"), out);
        assertTrue(out.contains("--mqtt-topic-prefix TEXT") && out.contains("(default sipdrop)"), out);
        assertTrue(out.contains("--mqtt-chunk-size N") && out.contains("(default 65536)"), out);
        assertTrue(out.contains("--mqtt-stall-timeout-ms N") && out.contains("(default 60000)"), out);
        CommandRun json = new CommandRun(services);
        assertEquals(Command.OK, json.run("transports", "--json"), json.err());
        assertTrue(json.out().lines().anyMatch(l -> l.startsWith("{\"transport\":\"MQTT\",\"schemes\":[\"mqtt\",\"mqtts\"],\"running\":false,")
                && l.contains("\"--mqtt-broker\"") && l.contains("\"--mqtt-password\"")), json.out());
        CommandRun help = new CommandRun(services);
        assertEquals(Command.OK, help.run("help", "send"), help.err());
        assertTrue(help.out().contains("--mqtt-broker TEXT") && help.out().contains("--mqtt-password PASSWORD"), help.out());
    }

    @Test
    void aSendViaMqttsReachesTheReceiverThroughTheEmbeddedServer() throws Exception {
        push("mqtts", "embedded.bin", embedded());
    }

    @Test
    void aSendViaMqttReachesTheReceiverThroughKamailio() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/kamailio")), "Kamailio is not installed");
        try (Kamailio kamailio = Kamailio.start(Kamailio.Mode.OPEN, Files.createDirectories(dir.resolve("kamailio")),
                Kamailio.Ports.freeWithoutTls(), Map.of())) {
            push("mqtt", "kamailio.bin", "sip:127.0.0.1:" + kamailio.sipPort());
        }
    }

    @Test
    void pullViaMqttFetchesWhatShareOffers() throws Exception {
        CommandRun help = new CommandRun(services);
        assertEquals(Command.OK, help.run("help", "pull"), help.err());
        assertTrue(help.out().contains("--via SCHEME|auto") && help.out().contains("--mqtt-broker TEXT"), help.out());
        Path shared = Files.createDirectories(dir.resolve("alice-shares"));
        byte[] content = random(2 * 1024 * 1024 + 17, 1883);
        Files.write(shared.resolve("handbook.pdf"), content);
        Path into = Files.createDirectories(dir.resolve("bob-pulls"));
        CommandRun alice = new CommandRun(services);
        CommandRun bob = new CommandRun(services);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<String> share = new ArrayList<>(List.of("share", "--user", "alice", "--server", embedded(), "--transport", "tcp",
                    "--dir", shared.toString(), "--count", "1", "--timeout", Long.toString(WAIT.toSeconds())));
            share.addAll(mqttFlags(USERS.get("alice")));
            Future<Integer> sharing = pool.submit(() -> alice.run(share.toArray(String[]::new)));
            alice.awaitPrinted("waiting for pulls", sharing, WAIT);
            List<String> pull = new ArrayList<>(List.of("pull", "--user", "bob", "--server", embedded(), "--transport", "tcp",
                    "--from", "alice", "--name", "handbook.pdf", "--into", into.toString(), "--via", "mqtt", "--timeout",
                    Long.toString(WAIT.toSeconds())));
            pull.addAll(mqttFlags(USERS.get("alice")));
            assertEquals(Command.OK, bob.run(pull.toArray(String[]::new)), () -> "pull failed: " + bob.err() + "\nsharer said: "
                    + alice.err());
            assertEquals(Command.OK, sharing.get(WAIT.toSeconds(), TimeUnit.SECONDS).intValue(), alice::err);
            assertTrue(alice.out().contains("served handbook.pdf to bob@127.0.0.1"), alice.out());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        Path saved = Path.of(bob.out().trim());
        assertEquals(into.toRealPath().resolve("handbook.pdf"), saved);
        assertArrayEquals(content, Files.readAllBytes(saved));
        assertNothingLeft();
    }

    /** Without --mqtt-broker, with other --mqtt-… flags or none at all (MQTT then does not run). */
    @Test
    void aMissingBrokerIsAUsageErrorNamingTheFlag() throws Exception {
        Path file = Files.write(Files.createDirectories(dir.resolve("alice-usage")).resolve("x.txt"), new byte[] { 1 });
        CommandRun alice = new CommandRun(services);
        int code = alice.run("send", "--user", "alice", "--server", embedded(), "--to", "bob", "--via", "mqtt", "--mqtt-port",
                Integer.toString(broker.mqttPort()), "--mqtt-user", "alice", "--mqtt-password", USERS.get("alice"), file.toString());
        assertEquals(Command.USAGE, code, alice.err());
        assertTrue(alice.err().contains("needs --mqtt-broker"), alice.err());
        assertNull(configurations(), "a usage error applies nothing");
        for (String via : List.of("mqtt", "mqtts")) {
            CommandRun bare = new CommandRun(services);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            int bareCode;
            try {
                bareCode = pool.submit(() -> bare.run("send", "--user", "alice", "--server", embedded(), "--transport", "tcp", "--to",
                        "bob", "--via", via, file.toString())).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            assertEquals(Command.USAGE, bareCode, "no --mqtt-… flag at all and MQTT not running: " + bare.err());
            assertTrue(bare.err().contains("--via " + via + ": the MQTT transport is not running here")
                    && bare.err().contains("give --mqtt-broker TEXT"), bare.err());
        }
        CommandRun pull = new CommandRun(services);
        assertEquals(Command.USAGE, pull.run("pull", "--user", "bob", "--server", embedded(), "--from", "alice", "--name", "x.txt",
                "--via", "mqtt"), pull.err());
        assertTrue(pull.err().contains("give --mqtt-broker TEXT"), pull.err());
        assertNull(configurations(), "a usage error applies nothing");
    }

    /**
     * The broker refuses alice's wrong password in its CONNACK (MQTT 3.1.1 §3.2.2.3): {@code send}
     * fails with that reason, within the connect timeout rather than hanging, and leaves nothing behind.
     * No receiver runs: its settings would be the same configuration, with the right password.
     */
    @Test
    void aWrongPasswordFailsTheSendNamingTheBrokersRefusal() throws Exception {
        Path file = Files.write(Files.createDirectories(dir.resolve("alice-wrong")).resolve("y.txt"), random(5000, 5));
        CommandRun alice = new CommandRun(services);
        List<String> send = new ArrayList<>(List.of("send", "--user", "alice", "--server", embedded(), "--transport", "tcp",
                "--to", "bob", "--via", "mqtt"));
        send.addAll(mqttFlags("wrong"));
        send.add(file.toString());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        int code;
        try {
            code = pool.submit(() -> alice.run(send.toArray(String[]::new))).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        assertEquals(Command.FAILED, code, alice.err());
        assertTrue(alice.err().contains("the MQTT broker mqtt://127.0.0.1:" + broker.mqttPort() + " refused user alice"), alice.err());
        assertFalse(alice.out().contains("sent "), alice.out());
        assertNothingLeft();
    }

    private void push(String via, String name, String sipServer) throws Exception {
        byte[] content = random(3 * 1024 * 1024 + 5, name.hashCode());
        Path file = Files.write(Files.createDirectories(dir.resolve("alice-" + name)).resolve(name), content);
        Path bobInto = Files.createDirectories(dir.resolve("bob-" + name));
        CommandRun bob = new CommandRun(services);
        CommandRun alice = new CommandRun(services);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            List<String> receive = new ArrayList<>(List.of("receive", "--user", "bob", "--server", sipServer, "--transport", "tcp",
                    "--into", bobInto.toString(), "--accept", "from:alice", "--count", "1", "--timeout",
                    Long.toString(WAIT.toSeconds())));
            receive.addAll(mqttFlags(USERS.get("alice")));
            Future<Integer> receiving = pool.submit(() -> bob.run(receive.toArray(String[]::new)));
            bob.awaitPrinted("waiting for files", receiving, WAIT);
            List<String> send = new ArrayList<>(List.of("send", "--user", "alice", "--server", sipServer, "--transport", "tcp",
                    "--to", "bob", "--via", via));
            send.addAll(mqttFlags(USERS.get("alice")));
            send.add(file.toString());
            assertEquals(Command.OK, alice.run(send.toArray(String[]::new)), () -> "alice: " + alice.err() + "\nbob: " + bob.err());
            assertTrue(alice.out().contains("sent " + name + " to bob@127.0.0.1"), alice.out());
            assertEquals(Command.OK, receiving.get(WAIT.toSeconds(), TimeUnit.SECONDS).intValue(), "bob: " + bob.err());
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        Path saved = Path.of(bob.out().trim());
        assertEquals(bobInto.resolve(name), saved);
        assertArrayEquals(content, Files.readAllBytes(saved));
        assertNothingLeft();
    }

    /** No retained message on the broker, and the commands removed the MQTT configuration when they ended. */
    private static void assertNothingLeft() throws Exception {
        assertEquals(List.of(), broker.retainedTopics(Duration.ofSeconds(1)), "no retained message is left on the broker");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (configurations() != null && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNull(configurations(), "the commands remove the MQTT configuration when they end: it applied for them only");
    }

    private static org.osgi.service.cm.Configuration[] configurations() throws Exception {
        ConfigurationAdmin cm = services.await(ConfigurationAdmin.class, Duration.ofSeconds(5)).orElseThrow();
        return cm.listConfigurations("(service.pid=" + PID + ")");
    }

    private static byte[] random(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }
}
