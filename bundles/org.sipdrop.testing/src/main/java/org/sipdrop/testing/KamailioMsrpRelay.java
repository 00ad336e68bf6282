package org.sipdrop.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kamailio's msrp module as an independent RFC 4976 relay, for OSGi tests: renders
 * {@code releng/peers/kamailio-msrp/}, starts {@code kamailio -DD -E} on 127.0.0.1 with free
 * ports, its own run dir and pid file, waits (bounded) until it listens, and stops it by its PID.
 * (The MSRP bundle's plain-JUnit interop tests have their own copy, KamailioRelay, on their
 * test class path.)
 */
public final class KamailioMsrpRelay implements AutoCloseable {

    /** The one digest user the relay accepts. */
    public static final String USER = "alice";
    /** Its password. */
    public static final String PASSWORD = "s3cret-relay";

    private final Process process;
    private final int port;
    private final int tlsPort;
    private final Path log;

    private KamailioMsrpRelay(Process process, int port, int tlsPort, Path log) {
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
    public static KamailioMsrpRelay start(Path dir, Path[] tlsCertAndKey) throws IOException, InterruptedException {
        Path kamailio = Binaries.require("kamailio", "kamailio");
        Path templates = Repository.peers().resolve("kamailio-msrp");
        int port = FreePorts.tcp();
        int tlsPort = tlsCertAndKey == null ? port + 1 : FreePorts.tcp();
        Path tlsCfg = dir.resolve("tls.cfg");
        String cfg = Files.readString(templates.resolve("kamailio-msrp.cfg.in")).replace("@PORT@", Integer.toString(port))
                .replace("@TLS_PORT@", Integer.toString(tlsPort)).replace("@TLS_CFG@", tlsCfg.toString())
                .replace("@USER@", USER).replace("@PASSWORD@", PASSWORD).replace("@REALM@", "sipdrop.test");
        Files.writeString(dir.resolve("kamailio.cfg"), cfg);
        List<String> cmd = new ArrayList<>(List.of(kamailio.toString(), "-f", dir.resolve("kamailio.cfg").toString(),
                "-DD", "-E", "-Y", Files.createDirectories(dir.resolve("run")).toString(), "-P",
                dir.resolve("kamailio.pid").toString(), "-m", "64", "-M", "8"));
        if (tlsCertAndKey != null) {
            Files.writeString(tlsCfg, Files.readString(templates.resolve("tls.cfg.in"))
                    .replace("@CERT@", tlsCertAndKey[0].toString()).replace("@KEY@", tlsCertAndKey[1].toString()));
            cmd.addAll(List.of("-A", "WITH_TLS"));
        }
        Path log = dir.resolve("kamailio.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        KamailioMsrpRelay relay = new KamailioMsrpRelay(p, port, tlsPort, log);
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

    /** @return the relay's log: one line per MSRP frame it handled ({@code msrp SEND from ...}) */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            return List.of("(no log: " + e.getMessage() + ")");
        }
    }

    /** @return the end of Kamailio's log, for failure messages */
    public String tail() {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** @return {@code msrp://127.0.0.1:PORT} as a user gives it to {@code --msrp-relay} */
    public String address() {
        return "msrp://127.0.0.1:" + port;
    }

    /** @return {@code msrps://127.0.0.1:PORT} as a user gives it to {@code --msrp-relay} */
    public String tlsAddress() {
        return "msrps://127.0.0.1:" + tlsPort;
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
