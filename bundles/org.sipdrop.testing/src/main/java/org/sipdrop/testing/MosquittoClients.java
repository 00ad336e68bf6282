package org.sipdrop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * mosquitto_sub and mosquitto_pub (package mosquitto-clients) as an MQTT 3.1.1 client that is
 * not SipDrop code, over a {@link Mosquitto}'s plain listener (or any listener, with
 * {@link #pub(Path, List)}). Every process is bounded in time and stopped by its PID; a wait
 * that runs out raises {@link PeerException} with what the client printed.
 */
public final class MosquittoClients {

    /** How long a subscription may take to be acknowledged, or a message to arrive. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    /** mosquitto_sub ends by itself after this long, should a test forget to close it. */
    private static final int SAFETY_NET_SECONDS = 120;
    private static final Pattern SUBACK = Pattern.compile("(?m)^Subscribed \\(mid: \\d+\\): ([0-9, ]+)$");
    private static final String MESSAGE = "MSG ";

    private MosquittoClients() {
    }

    /** A message as mosquitto_sub printed it ({@code -F '%t %p'}): payloads are one line of text. */
    public record Message(String topic, String payload) {
    }

    /** A running mosquitto_sub, QoS 1, clean session, printing every message on its own line. */
    public static final class Subscription implements AutoCloseable {

        private final Process process;
        private final Path out;
        private final List<Integer> granted;

        private Subscription(Process process, Path out) {
            this.process = process;
            this.out = out;
            this.granted = awaitSuback();
        }

        /** The QoS the broker granted for each filter, in order; 128 (0x80) is a refusal (MQTT 3.1.1 3.9.3). */
        public List<Integer> granted() {
            return granted;
        }

        /** The messages received so far. */
        public List<Message> messages() {
            List<Message> messages = new ArrayList<>();
            for (String line : output().lines().toList()) {
                if (line.startsWith(MESSAGE)) {
                    String rest = line.substring(MESSAGE.length());
                    int space = rest.indexOf(' ');
                    messages.add(space < 0 ? new Message(rest, "") : new Message(rest.substring(0, space), rest.substring(space + 1)));
                }
            }
            return messages;
        }

        /**
         * Waits (at most {@link MosquittoClients#WAIT}) for a message on {@code topic} and returns
         * every message received up to and including it; {@link PeerException} if it does not come.
         */
        public List<Message> awaitMessageOn(String topic) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (int i = 0; i < 1000; i++) {
                List<Message> messages = messages();
                Optional<Message> found = messages.stream().filter(m -> m.topic().equals(topic)).findFirst();
                if (found.isPresent()) {
                    return messages.subList(0, messages.indexOf(found.get()) + 1);
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    break;
                }
                sleep();
            }
            throw new PeerException("no message on " + topic + " within " + WAIT.toSeconds() + " s; mosquitto_sub said:\n"
                    + output());
        }

        private List<Integer> awaitSuback() {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (int i = 0; i < 1000; i++) {
                Matcher suback = SUBACK.matcher(output());
                if (suback.find()) {
                    return Arrays.stream(suback.group(1).split(",")).map(String::strip).map(Integer::valueOf).toList();
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    break;
                }
                sleep();
            }
            close();
            throw new PeerException("mosquitto_sub got no SUBACK within " + WAIT.toSeconds() + " s:\n" + output());
        }

        private String output() {
            try {
                return new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.UTF_8); // binary payloads: replaced, not refused
            } catch (IOException e) {
                throw new PeerException("cannot read " + out + ": " + e.getMessage(), e);
            }
        }

        /** Ends mosquitto_sub by PID: SIGTERM, at most 5 s, then SIGKILL. */
        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private static void sleep() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PeerException("interrupted", e);
            }
        }
    }

    /** The outcome of one mosquitto_pub. */
    public record Published(int exit, String output) {

        /** mosquitto_pub's exit code when the broker refused the login (CONNACK code 5). */
        public static final int NOT_AUTHORIZED = 5;

        public boolean succeeded() {
            return exit == 0;
        }
    }

    /**
     * Subscribes as {@code user} over the plain listener to every filter, QoS 1, and returns once
     * the broker answered with SUBACK (debug output unbuffered with stdbuf, so it can be read).
     */
    public static Subscription subscribe(Mosquitto broker, Path dir, String user, String password, String... filters) {
        List<String> command = new ArrayList<>(List.of(Binaries.require("stdbuf", "coreutils").toString(), "-oL",
                Binaries.require("mosquitto_sub", "mosquitto-clients").toString(), "-h", "127.0.0.1", "-p",
                String.valueOf(broker.mqttPort()), "-u", user, "-P", password, "-i", clientId(user), "-q", "1", "-d",
                "-F", MESSAGE + "%t %p", "-W", String.valueOf(SAFETY_NET_SECONDS)));
        for (String filter : filters) {
            command.addAll(List.of("-t", filter));
        }
        Path out = dir.resolve("sub-" + user + "-" + UUID.randomUUID() + ".out");
        return new Subscription(start(command, out), out);
    }

    /** Publishes {@code payload} as {@code user} over the plain listener, QoS 1, and waits for PUBACK. */
    public static Published publish(Mosquitto broker, Path dir, String user, String password, String topic, String payload,
            String... more) {
        List<String> command = new ArrayList<>(List.of("-h", "127.0.0.1", "-p", String.valueOf(broker.mqttPort()), "-u",
                user, "-P", password, "-t", topic, "-m", payload));
        command.addAll(List.of(more));
        return pub(dir, command);
    }

    /**
     * Runs mosquitto_pub with the arguments given plus {@code -q 1 -i ID}, at most
     * {@link MosquittoClients#WAIT}; returns its exit code and what it printed.
     */
    public static Published pub(Path dir, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Binaries.require("mosquitto_pub", "mosquitto-clients").toString(),
                "-q", "1", "-i", clientId("pub")));
        command.addAll(arguments);
        Path out = dir.resolve("pub-" + UUID.randomUUID() + ".out");
        Process process = start(command, out);
        try {
            if (!process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new PeerException("mosquitto_pub did not end within " + WAIT.toSeconds() + " s: " + command);
            }
            return new Published(process.exitValue(), new String(Files.readAllBytes(out), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PeerException("cannot read " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted", e);
        }
    }

    /** A random 128-bit transfer endpoint id, 32 hex digits, as SipDrop makes them. */
    public static String endpointId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static String clientId(String user) {
        return "test-" + user + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Process start(List<String> command, Path out) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            throw new PeerException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        }
    }
}
