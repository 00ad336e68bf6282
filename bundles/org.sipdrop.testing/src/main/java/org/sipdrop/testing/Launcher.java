package org.sipdrop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer launcher of {@code releng/peers/PEER/PEER-peer} ({@code start --dir RUN_DIR ...}),
 * bounded in time, and returns the process it left running, read from {@code RUN_DIR/PEER.pid};
 * or runs one of its other actions and returns what it printed.
 */
final class Launcher {

    /** The launchers wait 10 s for readiness themselves; this bounds the whole script. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String peer;

    Launcher(String peer) {
        this.peer = peer;
    }

    PeerProcess start(Path runDir, List<String> options) {
        Path dir = createRunDir(runDir);
        run(dir, "start", options);
        long pid = Long.parseLong(read(dir.resolve(peer + ".pid")).strip());
        return PeerProcess.of(peer, pid, dir.resolve(peer + ".log"));
    }

    /**
     * Runs {@code PEER-peer ACTION --dir RUN_DIR OPTIONS...}, bounded by {@link #TIMEOUT}, and
     * returns what it printed; {@link PeerException} with that text if it fails.
     */
    String run(Path runDir, String action, List<String> options) {
        Path script = Repository.peers().resolve(peer).resolve(peer + "-peer");
        if (!Files.isRegularFile(script)) {
            throw new PeerException("launcher " + script + " is missing");
        }
        Path dir = createRunDir(runDir);
        Path output = dir.resolve(peer + "-launcher.out");
        List<String> command = new ArrayList<>(List.of("bash", script.toString(), action, "--dir", dir.toString()));
        command.addAll(options);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new PeerException("cannot run " + script + ": " + e.getMessage(), e);
        }
        int exit = awaitExit(process, script);
        String said = read(output);
        if (exit == 3) {
            throw new PeerException(said.strip());
        }
        if (exit != 0) {
            throw new PeerException(peer + " " + action + " failed (launcher exit " + exit + "): " + said.strip()
                    + "\n(run dir " + dir + ")");
        }
        return said;
    }

    private int awaitExit(Process process, Path script) {
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new PeerException(script + " did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while starting " + peer, e);
        }
    }

    static Path createRunDir(Path runDir) {
        try {
            return Files.createDirectories(runDir).toAbsolutePath().normalize();
        } catch (IOException e) {
            throw new PeerException("cannot create run dir " + runDir + ": " + e.getMessage(), e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PeerException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
