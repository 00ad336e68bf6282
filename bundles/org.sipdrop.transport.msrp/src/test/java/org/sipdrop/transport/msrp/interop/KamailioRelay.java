package org.sipdrop.transport.msrp.interop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kamailio's msrp module as an independent RFC 4976 relay: renders the project's config from
 * {@code releng/peers/kamailio-msrp/}, starts {@code kamailio -DD -E} on 127.0.0.1 with free
 * ports, its own run dir and pid file, waits (bounded) until it listens, and stops it by its PID.
 * Fails with a clear message when Kamailio is not installed: CI installs it from
 * {@code releng/packages.txt}.
 */
public final class KamailioRelay implements AutoCloseable {

    public static final String USER = "alice";
    public static final String PASSWORD = "s3cret-relay";
    private static final Path KAMAILIO = Path.of("/usr/sbin/kamailio");

    private final Process process;
    private final int port;
    private final int tlsPort;
    private final Path log;

    private KamailioRelay(Process process, int port, int tlsPort, Path log) {
        this.process = process;
        this.port = port;
        this.tlsPort = tlsPort;
        this.log = log;
    }

    /**
     * @param dir a fresh directory for config, run dir, pid file and log
     * @param tlsCertAndKey PEM certificate and key for a TLS listener, or null for TCP only
     * @return the running relay
     */
    public static KamailioRelay start(Path dir, Path[] tlsCertAndKey) throws IOException, InterruptedException {
        if (!Files.isExecutable(KAMAILIO)) {
            throw new IllegalStateException("Kamailio is not installed (" + KAMAILIO + " missing): the MSRP relay interop"
                    + " tests need it. Install with: apt-get install kamailio kamailio-tls-modules (see releng/packages.txt)");
        }
        Path templates = peersDir();
        int port = freePort();
        int tlsPort = tlsCertAndKey == null ? port + 1 : freePort();
        Path tlsCfg = dir.resolve("tls.cfg");
        String cfg = Files.readString(templates.resolve("kamailio-msrp.cfg.in")).replace("@PORT@", Integer.toString(port))
                .replace("@TLS_PORT@", Integer.toString(tlsPort)).replace("@TLS_CFG@", tlsCfg.toString())
                .replace("@USER@", USER).replace("@PASSWORD@", PASSWORD).replace("@REALM@", "sipdrop.test");
        Files.writeString(dir.resolve("kamailio.cfg"), cfg);
        List<String> cmd = new ArrayList<>(List.of(KAMAILIO.toString(), "-f", dir.resolve("kamailio.cfg").toString(),
                "-DD", "-E", "-Y", Files.createDirectories(dir.resolve("run")).toString(), "-P",
                dir.resolve("kamailio.pid").toString(), "-m", "64", "-M", "8"));
        if (tlsCertAndKey != null) {
            Files.writeString(tlsCfg, Files.readString(templates.resolve("tls.cfg.in"))
                    .replace("@CERT@", tlsCertAndKey[0].toString()).replace("@KEY@", tlsCertAndKey[1].toString()));
            cmd.addAll(List.of("-A", "WITH_TLS"));
        }
        Path log = dir.resolve("kamailio.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        KamailioRelay relay = new KamailioRelay(p, port, tlsPort, log);
        try {
            relay.awaitListening(port);
            if (tlsCertAndKey != null) {
                relay.awaitListening(tlsPort);
            }
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
        return relay;
    }

    /** The repository's peer configs, found from the bundle directory the tests run in. */
    static Path peersDir() {
        Path here = Path.of("").toAbsolutePath();
        for (Path d = here; d != null; d = d.getParent()) {
            Path candidate = d.resolve("releng/peers/kamailio-msrp");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("releng/peers/kamailio-msrp not found above " + here);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private void awaitListening(int p) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IOException("Kamailio exited with " + process.exitValue() + ": " + tail());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", p), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("Kamailio did not listen on 127.0.0.1:" + p + " within 10 s: " + tail());
    }

    /** @return the end of Kamailio's log, for failure messages */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** @return e.g. {@code msrp://127.0.0.1:PORT;tcp} */
    public String uri() {
        return "msrp://127.0.0.1:" + port + ";tcp";
    }

    /** @return e.g. {@code msrps://127.0.0.1:PORT;tcp} */
    public String tlsUri() {
        return "msrps://127.0.0.1:" + tlsPort + ";tcp";
    }

    /** @return the MSRP TCP port */
    public int port() {
        return port;
    }

    /** @return the main process id */
    public long pid() {
        return process.pid();
    }

    /** Stops Kamailio by its PID (SIGTERM, then SIGKILL after 5 s). */
    @Override
    public void close() throws InterruptedException {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
