package org.sipdrop.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kamailio 5.6 on 127.0.0.1 started from {@code releng/peers/kamailio}: registrar + stateful
 * proxy ({@code registrar-proxy.cfg}) or the same plus a presence server ({@code presence.cfg}),
 * over UDP and TCP on {@link #sipPort()} and TLS on {@link #tlsPort()}. Users live in the domain
 * {@value #DOMAIN} ({@code sip:alice@127.0.0.1}). Ready when it answers OPTIONS over UDP.
 */
public final class Kamailio implements AutoCloseable {

    /** The SIP domain of the users, and the digest realm. */
    public static final String DOMAIN = "127.0.0.1";

    /** How the registrar treats requests. */
    public enum Mode {
        /** No authentication: anyone may register and send. */
        OPEN,
        /**
         * Digest authentication (RFC 3261 22, qop=auth, realm {@value Kamailio#DOMAIN}) against
         * the users given: REGISTER is challenged with 401, other requests from the domain with
         * 407; an unknown user gets 403.
         */
        DIGEST
    }

    /** Which configuration of releng/peers/kamailio runs. */
    public enum Config {
        /** registrar-proxy.cfg: registrar and stateful proxy. */
        REGISTRAR_PROXY("registrar-proxy"),
        /** presence.cfg: registrar and proxy plus PUBLISH/SUBSCRIBE/NOTIFY, no database. */
        PRESENCE("presence");

        private final String file;

        Config(String file) {
            this.file = file;
        }
    }

    /**
     * The ports: {@code sip} for UDP and TCP, {@code tls} for TLS, 0 for no TLS listener.
     * Pick them with {@link #free()} or {@link FreePorts}.
     */
    public record Ports(int sip, int tls) {

        public Ports {
            if (sip < 1 || sip > 65535 || tls < 0 || tls > 65535 || sip == tls) {
                throw new IllegalArgumentException("bad Kamailio ports sip=" + sip + " tls=" + tls);
            }
        }

        /** Free SIP and TLS ports. */
        public static Ports free() {
            int sip = FreePorts.tcpAndUdp();
            int tls;
            do {
                tls = FreePorts.tcp();
            } while (tls == sip);
            return new Ports(sip, tls);
        }

        /** A free SIP port and no TLS. */
        public static Ports freeWithoutTls() {
            return new Ports(FreePorts.tcpAndUdp(), 0);
        }
    }

    /** How long Kamailio has to answer OPTIONS once its launcher returned. */
    static final Duration READY = Duration.ofSeconds(5);

    private final PeerProcess process;
    private final Path runDir;
    private final Ports ports;

    private Kamailio(PeerProcess process, Path runDir, Ports ports) {
        this.process = process;
        this.runDir = runDir;
        this.ports = ports;
    }

    /** Starts the registrar + proxy. {@code users} (name to password) only in {@link Mode#DIGEST}. */
    public static Kamailio start(Mode mode, Path runDir, Ports ports, Map<String, String> users) {
        return start(Config.REGISTRAR_PROXY, mode, runDir, ports, users);
    }

    /** Starts the presence server (with registrar and proxy). */
    public static Kamailio startPresence(Mode mode, Path runDir, Ports ports, Map<String, String> users) {
        return start(Config.PRESENCE, mode, runDir, ports, users);
    }

    /** Starts Kamailio with the given configuration. */
    public static Kamailio start(Config config, Mode mode, Path runDir, Ports ports, Map<String, String> users) {
        Binaries.require("kamailio", "kamailio");
        if (mode == Mode.OPEN && !users.isEmpty()) {
            throw new IllegalArgumentException("Mode.OPEN takes no users; use Mode.DIGEST to authenticate them");
        }
        List<String> options = new ArrayList<>(List.of("--config", config.file, "--sip-port",
                String.valueOf(ports.sip()), "--domain", DOMAIN));
        if (ports.tls() != 0) {
            options.addAll(List.of("--tls-port", String.valueOf(ports.tls())));
        }
        if (mode == Mode.DIGEST) {
            options.addAll(List.of("--users", Users.write(runDir, users).toString()));
        }
        PeerProcess process = new Launcher("kamailio").start(runDir, options);
        Kamailio kamailio = new Kamailio(process, Launcher.createRunDir(runDir), ports);
        try (SipUdp probe = SipUdp.open()) {
            int status = probe.options(ports.sip(), READY);
            if (status != 200) {
                throw new PeerException("Kamailio answered OPTIONS with " + status + "; see " + process.log());
            }
        } catch (RuntimeException e) {
            kamailio.close();
            throw e;
        }
        return kamailio;
    }

    /** UDP and TCP port. */
    public int sipPort() {
        return ports.sip();
    }

    /** TLS port; {@link IllegalStateException} if started without TLS. */
    public int tlsPort() {
        if (ports.tls() == 0) {
            throw new IllegalStateException("this Kamailio was started without a TLS port");
        }
        return ports.tls();
    }

    /** The server's URI for a transport: {@code sip:127.0.0.1:PORT;transport=udp|tcp|tls}. */
    public String uri(String transport) {
        int port = "tls".equalsIgnoreCase(transport) ? tlsPort() : sipPort();
        return "sip:127.0.0.1:" + port + ";transport=" + transport.toLowerCase(java.util.Locale.ROOT);
    }

    /** The self-signed certificate (PEM) of the TLS listener, generated at start, to trust. */
    public Path certificate() {
        tlsPort();
        return runDir.resolve("cert.pem");
    }

    public Path runDir() {
        return runDir;
    }

    public Path log() {
        return process.log();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops Kamailio by PID: SIGTERM, at most 5 s, then SIGKILL to it and its workers. */
    public void stop() {
        process.stop();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "Kamailio " + process + " sip=" + ports.sip() + " tls=" + ports.tls();
    }
}
