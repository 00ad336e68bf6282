package org.sipdrop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * baresip (Debian baresip-core), an independent SIP user agent, listening on 127.0.0.1 without
 * registering. It prints received MESSAGEs as {@code sip:from: "text"} on its console, which
 * needs a terminal: it runs under {@code script}, which gives it a pseudo-terminal and keeps a
 * transcript. Stopped by PID.
 */
public final class Baresip implements AutoCloseable {

    static final Duration READY = Duration.ofSeconds(10);

    private final PeerProcess peer;
    private final Transcript printed;
    private final String user;
    private final int port;

    private Baresip(PeerProcess peer, Path transcript, String user, int port) {
        this.peer = peer;
        this.printed = new Transcript(transcript, "baresip");
        this.user = user;
        this.port = port;
    }

    /** Starts baresip as {@code sip:user@127.0.0.1} on {@code port} (UDP and TCP), ready to receive. */
    public static Baresip start(Path dir, String user, int port) {
        Path baresip = Binaries.require("baresip", "baresip-core");
        Path script = Binaries.require("script", "bsdutils");
        Path runDir = Launcher.createRunDir(dir.resolve("baresip-" + port));
        Path transcript = runDir.resolve("baresip.typescript");
        try {
            Files.writeString(runDir.resolve("config"), String.join("\n",
                    "poll_method epoll",
                    "sip_listen 127.0.0.1:" + port,
                    "sip_transports udp,tcp",
                    "module_path /usr/lib/baresip/modules",
                    "module stdio.so",
                    "module g711.so",
                    "module account.so",
                    "module_app menu.so", ""));
            Files.writeString(runDir.resolve("accounts"), "<sip:" + user + "@127.0.0.1>;regint=0\n");
            Files.writeString(runDir.resolve("contacts"), "");
        } catch (IOException e) {
            throw new PeerException("cannot write baresip's configuration: " + e.getMessage(), e);
        }
        String command = baresip + " -f " + runDir;
        Process process;
        try {
            process = new ProcessBuilder(List.of(script.toString(), "-qfc", command, transcript.toString()))
                    .redirectErrorStream(true).redirectOutput(runDir.resolve("script.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new PeerException("cannot run baresip: " + e.getMessage(), e);
        }
        Baresip b = new Baresip(new PeerProcess("baresip", process.toHandle(), transcript), transcript, user, port);
        if (!b.awaitPrinted("baresip is ready", READY)) {
            String seen = b.transcript();
            b.close();
            throw new PeerException("baresip did not get ready within " + READY.toSeconds() + " s: " + seen);
        }
        return b;
    }

    /** @return this agent's URI, {@code sip:user@127.0.0.1:port} */
    public String uri() {
        return "sip:" + user + "@127.0.0.1:" + port;
    }

    /** @return everything baresip printed so far */
    public String transcript() {
        return printed.text();
    }

    /** Waits (bounded) until baresip printed {@code text}; @return whether it did */
    public boolean awaitPrinted(String text, Duration timeout) {
        return printed.awaitPrinted(text, timeout);
    }

    public long pid() {
        return peer.pid();
    }

    @Override
    public void close() {
        peer.stop();
    }
}
