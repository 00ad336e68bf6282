package org.sipdrop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * linphonec (Debian linphone-cli), an independent SIP user agent with RCS file transfer, listening
 * on 127.0.0.1 over TCP without registering. It prints received messages as
 * {@code Message received from sip:...: text} (an RCS FT-HTTP body is printed with its
 * {@code <data url=...>}). It needs a terminal and a writable {@code $HOME/.local/share/linphone}
 * (PEERS.md), so it runs under {@code script} with its own HOME in the run dir. Stopped by PID.
 */
public final class Linphonec implements AutoCloseable {

    static final Duration READY = Duration.ofSeconds(15);

    private final PeerProcess peer;
    private final Transcript printed;
    private final String user;
    private final int port;

    private Linphonec(PeerProcess peer, Path transcript, String user, int port) {
        this.peer = peer;
        this.printed = new Transcript(transcript, "linphonec");
        this.user = user;
        this.port = port;
    }

    /** Starts linphonec as {@code sip:user@127.0.0.1} on TCP {@code port}, ready to receive. */
    public static Linphonec start(Path dir, String user, int port) {
        Path linphonec = Binaries.require("linphonec", "linphone-cli");
        Path script = Binaries.require("script", "bsdutils");
        Path runDir = Launcher.createRunDir(dir.resolve("linphonec-" + port));
        Path home = runDir.resolve("home");
        Path transcript = runDir.resolve("linphonec.typescript");
        try {
            Files.createDirectories(home.resolve(".local/share/linphone"));
            Files.writeString(runDir.resolve("linphonerc"), String.join("\n",
                    "[sip]",
                    "sip_port=-1",
                    "sip_tcp_port=" + port,
                    "sip_tls_port=-1",
                    "contact=\"" + user + "\" <sip:" + user + "@127.0.0.1>",
                    "use_ipv6=0",
                    "[sound]",
                    "echocancellation=0", ""));
        } catch (IOException e) {
            throw new PeerException("cannot write linphonec's configuration: " + e.getMessage(), e);
        }
        String command = linphonec + " -c " + runDir.resolve("linphonerc") + " -d 0";
        Process process;
        try {
            ProcessBuilder pb = new ProcessBuilder(List.of(script.toString(), "-qfc", command, transcript.toString()))
                    .redirectErrorStream(true).redirectOutput(runDir.resolve("script.log").toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            pb.environment().put("HOME", home.toString());
            process = pb.start();
        } catch (IOException e) {
            throw new PeerException("cannot run linphonec: " + e.getMessage(), e);
        }
        Linphonec l = new Linphonec(new PeerProcess("linphonec", process.toHandle(), transcript), transcript, user, port);
        if (!l.awaitPrinted("linphonec>", READY)) {
            String seen = l.transcript();
            l.close();
            throw new PeerException("linphonec did not get ready within " + READY.toSeconds() + " s: " + seen);
        }
        return l;
    }

    /** @return this agent's URI over TCP, {@code sip:user@127.0.0.1:port;transport=tcp} */
    public String uri() {
        return "sip:" + user + "@127.0.0.1:" + port + ";transport=tcp";
    }

    /** @return everything linphonec printed so far */
    public String transcript() {
        return printed.text();
    }

    /** Waits (bounded) until linphonec printed {@code text}; @return whether it did */
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
