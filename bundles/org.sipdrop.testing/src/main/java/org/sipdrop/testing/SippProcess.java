package org.sipdrop.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A sipp started by {@link Sipp.Builder#start()}; {@link #close()} stops it by PID if still running. */
public final class SippProcess implements AutoCloseable {

    private final Process process;
    private final PeerProcess peer;
    private final Path runDir;
    private final int localPort;

    private SippProcess(Process process, Path runDir, int localPort) {
        this.process = process;
        this.runDir = runDir;
        this.localPort = localPort;
        this.peer = new PeerProcess("sipp", process.toHandle(), runDir.resolve("sipp.out"));
    }

    static SippProcess start(List<String> command, Path runDir, int localPort) {
        try {
            Process process = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(runDir.resolve("sipp.out").toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            return new SippProcess(process, runDir, localPort);
        } catch (IOException e) {
            throw new PeerException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until sipp has bound its SIP port (a UAS is then ready for requests), at most
     * {@code timeout}; a sipp that ended or did not bind in time is a {@link PeerException}.
     */
    SippProcess awaitBound(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new PeerException("sipp ended (exit " + process.exitValue() + ") before binding port "
                        + localPort + "; see " + runDir.resolve("sipp.out") + " and " + runDir.resolve("errors.log"));
            }
            if (ProcNet.udpBound(localPort) || ProcNet.tcpListening(localPort)) {
                return this;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new PeerException("sipp did not bind port " + localPort + " within " + timeout.toMillis() + " ms");
    }

    /** The port sipp's SIP socket is bound to (where a UAS listens). */
    public int localPort() {
        return localPort;
    }

    public Path runDir() {
        return runDir;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Waits for sipp to end, at most {@code timeout}, and returns its result; a sipp still
     * running then is stopped and {@link PeerException} says so.
     */
    public SippResult await(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                peer.stop();
                throw new PeerException("sipp did not end within " + timeout.toMillis() + " ms; see " + runDir);
            }
        } catch (InterruptedException e) {
            peer.stop();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while waiting for sipp", e);
        }
        peer.stop();
        return new SippResult(process.exitValue(), SippStatistics.lastLine(runDir.resolve("stats.csv")), runDir);
    }

    /** Stops sipp by PID (SIGTERM, then SIGKILL) if it still runs. */
    @Override
    public void close() {
        peer.stop();
    }
}
