package org.sipdrop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mosquitto 2.0 MQTT broker on 127.0.0.1 with a plain and a TLS listener, password
 * authentication (anonymous clients are refused), no persistence and no websockets, started from
 * {@code releng/peers/mosquitto}.
 * <p>
 * {@link #builder(Path, int, int, Map)} adds, if asked: an ACL ({@link Builder#sipDropAcl(String)}
 * renders SipDrop's topic ACL from {@code docs/examples/mosquitto-sipdrop.acl}, the file the
 * broker documentation shows, so the two cannot drift; {@link Builder#acl(String)} takes any ACL
 * text), and a third TLS listener that requires a client certificate signed by a CA the broker's
 * run dir holds ({@link Builder#clientCertificatePort(int)}, {@link #clientCertificate(String)}).
 * <p>
 * Every broker also has a test-only account {@value #ADMIN} (password {@link #adminPassword()},
 * random per broker) that may read and write every topic, also under an ACL: it lets
 * {@link #retainedTopics(Duration)} see what an ACL hides from the users. An enterprise broker
 * has no such account.
 * <p>
 * Persistence is off: {@link #restart()} or {@link #kill()} loses every session, queued message
 * and retained message. That is what SipDrop's MQTT transport expects (clean sessions, QoS 1,
 * never retained; it resends what a broker restart lost), and it makes "nothing left on the
 * broker" checkable.
 */
public final class Mosquitto implements AutoCloseable {

    /** SipDrop's default topic prefix. */
    public static final String DEFAULT_PREFIX = "sipdrop";

    /** The test-only user that reads and writes every topic (not {@code $SYS/}). */
    public static final String ADMIN = "sipdrop-test-admin";

    /** The example ACL of the broker documentation, relative to the repository root. */
    public static final String EXAMPLE_ACL = "docs/examples/mosquitto-sipdrop.acl";

    /** A topic prefix: one or more levels of letters, digits and {@code ._~-}, no wildcards. */
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");
    /** The topic of a pattern line in {@link #EXAMPLE_ACL}, which starts with the default prefix. */
    private static final Pattern PATTERN_LINE = Pattern.compile("(?m)^(pattern[ \t]+\\w+[ \t]+)"
            + Pattern.quote(DEFAULT_PREFIX) + "/");
    /** mosquitto_sub's exit code when its -W time ran out (libmosquitto MOSQ_ERR_TIMEOUT). */
    private static final int TIMED_OUT = 27;

    /**
     * A client certificate signed by {@link #clientCa()}: {@code keyStore} is a PKCS#12 file
     * (private key, certificate and CA certificate, alias = {@code name}) protected by
     * {@code password}, for Java and Paho; {@code certificate} and {@code privateKey} are the
     * same as PEM files, for mosquitto_pub's {@code --cert}/{@code --key}.
     */
    public record ClientCertificate(String name, Path keyStore, String password, Path certificate,
            Path privateKey) {
    }

    /** Options of a broker; {@link #start()} starts it. */
    public static final class Builder {

        private final Path runDir;
        private final int mqttPort;
        private final int mqttsPort;
        private final Map<String, String> users;
        private String acl;
        private int clientCertificatePort;

        private Builder(Path runDir, int mqttPort, int mqttsPort, Map<String, String> users) {
            this.runDir = Objects.requireNonNull(runDir, "runDir");
            this.mqttPort = mqttPort;
            this.mqttsPort = mqttsPort;
            this.users = Map.copyOf(users);
        }

        /** SipDrop's ACL ({@value Mosquitto#EXAMPLE_ACL}) for the default prefix {@value Mosquitto#DEFAULT_PREFIX}. */
        public Builder sipDropAcl() {
            return sipDropAcl(DEFAULT_PREFIX);
        }

        /** SipDrop's ACL for a tenant's topic prefix, e.g. {@code acme/sipdrop}: see {@link Mosquitto#sipDropAcl(String)}. */
        public Builder sipDropAcl(String prefix) {
            this.acl = Mosquitto.sipDropAcl(prefix);
            return this;
        }

        /** Any mosquitto {@code acl_file} text; the {@value Mosquitto#ADMIN} entry is appended to it. */
        public Builder acl(String text) {
            this.acl = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * A third listener on {@code port}: TLS with the broker's {@link Mosquitto#certificate()},
         * {@code require_certificate true} with {@code cafile} = {@link Mosquitto#clientCa()},
         * {@code use_identity_as_username false} (the password still decides who the client is).
         */
        public Builder clientCertificatePort(int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("client certificate port must be 1..65535, got " + port);
            }
            this.clientCertificatePort = port;
            return this;
        }

        /** Starts the broker and returns once every listener accepts TCP connections. */
        public Mosquitto start() {
            Binaries.require("mosquitto", "mosquitto");
            Binaries.require("mosquitto_passwd", "mosquitto");
            Binaries.require("mosquitto_sub", "mosquitto-clients");
            Binaries.require("openssl", "openssl");
            if (mqttPort == mqttsPort || mqttPort == clientCertificatePort || mqttsPort == clientCertificatePort) {
                throw new IllegalArgumentException("every listener needs its own port, got mqtt=" + mqttPort
                        + " mqtts=" + mqttsPort + " client certificate=" + clientCertificatePort);
            }
            if (users.containsKey(ADMIN)) {
                throw new IllegalArgumentException("'" + ADMIN + "' is the fixture's own test-only user; pick another name");
            }
            Path dir = Launcher.createRunDir(runDir);
            String adminPassword = UUID.randomUUID().toString();
            Map<String, String> all = new LinkedHashMap<>(users);
            all.put(ADMIN, adminPassword);
            List<String> options = new ArrayList<>(List.of("--mqtt-port", String.valueOf(mqttPort), "--mqtts-port",
                    String.valueOf(mqttsPort), "--users", Users.write(dir, all).toString()));
            if (acl != null) {
                options.addAll(List.of("--acl", writeAcl(dir, acl).toString()));
            }
            if (clientCertificatePort != 0) {
                options.addAll(List.of("--mqtts-client-cert-port", String.valueOf(clientCertificatePort)));
            }
            Launcher launcher = new Launcher("mosquitto");
            PeerProcess process = launcher.start(dir, options);
            return new Mosquitto(this, dir, launcher, List.copyOf(options), process, adminPassword);
        }

        private static Path writeAcl(Path dir, String text) {
            Path file = dir.resolve("acl.txt");
            String admin = "\n# test-only, added by org.sipdrop.testing.Mosquitto: its admin reads and writes everything\n"
                    + "user " + ADMIN + "\ntopic readwrite #\n";
            try {
                Files.writeString(file, text.endsWith("\n") ? text + admin : text + "\n" + admin, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new PeerException("cannot write " + file + ": " + e.getMessage(), e);
            }
            return file;
        }
    }

    private final Path runDir;
    private final int mqttPort;
    private final int mqttsPort;
    private final int clientCertificatePort;
    private final boolean hasAcl;
    private final Launcher launcher;
    private final List<String> options;
    private final String adminPassword;
    private volatile PeerProcess process;

    private Mosquitto(Builder builder, Path runDir, Launcher launcher, List<String> options, PeerProcess process,
            String adminPassword) {
        this.runDir = runDir;
        this.mqttPort = builder.mqttPort;
        this.mqttsPort = builder.mqttsPort;
        this.clientCertificatePort = builder.clientCertificatePort;
        this.hasAcl = builder.acl != null;
        this.launcher = launcher;
        this.options = options;
        this.process = process;
        this.adminPassword = adminPassword;
    }

    /** Starts the broker without an ACL (every user may read and write every topic); {@code users} maps name to password. */
    public static Mosquitto start(Path runDir, int mqttPort, int mqttsPort, Map<String, String> users) {
        return builder(runDir, mqttPort, mqttsPort, users).start();
    }

    /**
     * A broker with a plain listener on {@code mqttPort}, a TLS one on {@code mqttsPort} and the
     * {@code users} (name to password; names of letters, digits and {@code ._~-}: a name is a
     * topic level under SipDrop's ACL), to be given more options before {@link Builder#start()}.
     */
    public static Builder builder(Path runDir, int mqttPort, int mqttsPort, Map<String, String> users) {
        return new Builder(runDir, mqttPort, mqttsPort, users);
    }

    /**
     * SipDrop's ACL for a topic prefix: the text of {@value #EXAMPLE_ACL} with its default prefix
     * {@value #DEFAULT_PREFIX} replaced by {@code prefix} on every {@code pattern} line, i.e.
     * <pre>
     * pattern read PREFIX/%u/#
     * pattern write PREFIX/+/+/%u/#
     * </pre>
     * A user reads only its own inboxes {@code PREFIX/USER/ENDPOINT-ID/#} and writes only topics
     * {@code PREFIX/ADDRESSEE/ENDPOINT-ID/USER/KIND} that name it as the sender.
     */
    public static String sipDropAcl(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("topic prefix must be levels of letters, digits and ._~- separated by '/'"
                    + " (no wildcards, no leading or trailing '/'), got '" + prefix + "'");
        }
        Path example = Repository.root().resolve(EXAMPLE_ACL);
        String text = Launcher.read(example);
        Matcher lines = PATTERN_LINE.matcher(text);
        StringBuilder out = new StringBuilder();
        int replaced = 0;
        while (lines.find()) {
            lines.appendReplacement(out, Matcher.quoteReplacement(lines.group(1) + prefix + "/"));
            replaced++;
        }
        lines.appendTail(out);
        if (replaced != 2) {
            throw new PeerException(example + " should have one 'pattern read' and one 'pattern write' line starting with "
                    + DEFAULT_PREFIX + "/, found " + replaced + " such lines");
        }
        return out.toString();
    }

    public int mqttPort() {
        return mqttPort;
    }

    public int mqttsPort() {
        return mqttsPort;
    }

    /** The port of the listener that requires client certificates; {@link IllegalStateException} if there is none. */
    public int clientCertificatePort() {
        requireClientCertificates();
        return clientCertificatePort;
    }

    /** {@code tcp://127.0.0.1:PORT}, as Paho writes it. */
    public String uri() {
        return "tcp://127.0.0.1:" + mqttPort;
    }

    /** {@code ssl://127.0.0.1:PORT}; trust {@link #certificate()}. */
    public String tlsUri() {
        return "ssl://127.0.0.1:" + mqttsPort;
    }

    /**
     * {@code ssl://127.0.0.1:PORT} of the listener that requires a client certificate; trust
     * {@link #certificate()}, present one of {@link #clientCertificate(String)}.
     */
    public String clientCertificateUri() {
        return "ssl://127.0.0.1:" + clientCertificatePort();
    }

    /** The self-signed certificate (PEM) of both TLS listeners, to trust. */
    public Path certificate() {
        return runDir.resolve("cert.pem");
    }

    /** The CA certificate (PEM) that the client-certificate listener accepts client certificates from. */
    public Path clientCa() {
        requireClientCertificates();
        return runDir.resolve("ca.pem");
    }

    /**
     * Makes a fresh client certificate with subject {@code CN=name}, signed by {@link #clientCa()},
     * valid two days, in {@code RUN_DIR/clients/}; the key store's password is
     * {@link ThrowAwayKeys#PASSWORD}. The certificate does not log the client in: it still needs
     * a user name and password.
     */
    public ClientCertificate clientCertificate(String name) {
        requireClientCertificates();
        String said = launcher.run(runDir, "client-cert", List.of("--name", name, "--password", ThrowAwayKeys.PASSWORD));
        Path clients = runDir.resolve("clients");
        ClientCertificate made = new ClientCertificate(name, clients.resolve(name + ".p12"), ThrowAwayKeys.PASSWORD,
                clients.resolve(name + ".crt"), clients.resolve(name + ".key"));
        if (!Files.isRegularFile(made.keyStore())) {
            throw new PeerException("no client certificate for " + name + " in " + clients + ": " + said.strip());
        }
        return made;
    }

    /** The ACL file the broker reads (with the {@value #ADMIN} entry); {@link IllegalStateException} if it has none. */
    public Path acl() {
        if (!hasAcl) {
            throw new IllegalStateException("this broker was started without an ACL");
        }
        return runDir.resolve("acl");
    }

    /** The password of {@value #ADMIN}, random per broker. */
    public String adminPassword() {
        return adminPassword;
    }

    /**
     * The topics of the retained messages that {@value #ADMIN} sees on the broker (every topic
     * but {@code $SYS/}): what {@code mosquitto_sub -t '#' --retained-only} receives within
     * {@code wait}. Empty when nothing was left on the broker.
     */
    public List<String> retainedTopics(Duration wait) {
        return retainedTopics(ADMIN, adminPassword, wait);
    }

    /**
     * The topics of the retained messages {@code user} may read (an ACL hides the others), as
     * {@code mosquitto_sub -t '#' --retained-only -W SECONDS} over the plain listener receives them;
     * the broker sends them right after SUBACK, so a {@code wait} of 2 s is plenty on loopback.
     * {@link PeerException} if the user cannot log in.
     */
    public List<String> retainedTopics(String user, String password, Duration wait) {
        long seconds = Math.max(1, Math.min(60, (wait.toMillis() + 999) / 1000));
        Path out = runDir.resolve("retained-" + user + ".out");
        Path err = runDir.resolve("retained-" + user + ".err");
        List<String> command = List.of(Binaries.require("mosquitto_sub", "mosquitto-clients").toString(), "-h", "127.0.0.1",
                "-p", String.valueOf(mqttPort), "-u", user, "-P", password, "-i", "sipdrop-retained-" + UUID.randomUUID(),
                "-t", "#", "--retained-only", "-W", String.valueOf(seconds), "-F", "%t");
        Process sub;
        try {
            sub = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new PeerException("cannot run mosquitto_sub: " + e.getMessage(), e);
        }
        try {
            if (!sub.waitFor(seconds + 10, TimeUnit.SECONDS)) {
                sub.destroyForcibly();
                sub.waitFor(10, TimeUnit.SECONDS);
                throw new PeerException("mosquitto_sub did not end within " + (seconds + 10) + " s; see " + err);
            }
        } catch (InterruptedException e) {
            sub.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while listing retained messages", e);
        }
        int exit = sub.exitValue();
        if (exit != 0 && exit != TIMED_OUT) {
            throw new PeerException("mosquitto_sub as " + user + " failed (exit " + exit + "): "
                    + Launcher.read(err).strip());
        }
        return Launcher.read(out).lines().filter(line -> !line.isEmpty()).toList();
    }

    public Path runDir() {
        return runDir;
    }

    /** The broker's log, appended to across restarts. */
    public Path log() {
        return process.log();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the broker by PID (as {@link #stop()}) and starts it again with the same ports,
     * users, ACL and certificates; returns once every listener accepts TCP again. Without
     * persistence the new broker has no sessions, subscriptions or retained messages: clients
     * see their connection lost and must connect and subscribe again. Also after {@link #kill()}.
     */
    public synchronized void restart() {
        process.stop();
        process = launcher.start(runDir, options);
    }

    /** Kills the broker by PID with SIGKILL, as a crash would: no DISCONNECT, no clean shutdown. */
    public synchronized void kill() {
        process.killNow();
    }

    /** Stops the broker by PID: SIGTERM, at most 5 s, then SIGKILL. */
    public synchronized void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "mosquitto " + process + " mqtt=" + mqttPort + " mqtts=" + mqttsPort
                + (clientCertificatePort == 0 ? "" : " mqtts-client-cert=" + clientCertificatePort);
    }

    private void requireClientCertificates() {
        if (clientCertificatePort == 0) {
            throw new IllegalStateException("this broker has no client-certificate listener: "
                    + "start it with builder(...).clientCertificatePort(port)");
        }
    }
}
