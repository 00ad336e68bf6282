package org.sipdrop.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A running peer process, known by its PID: stopped with SIGTERM, a bounded wait, then SIGKILL
 * to it and its descendants (Kamailio's and nginx's workers). A JVM shutdown hook stops it too,
 * should a test forget to close its handle.
 */
final class PeerProcess {

    /** How long a peer may take to end after SIGTERM before it is killed. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** How long a SIGKILLed process may take to disappear. */
    static final Duration KILLED = Duration.ofSeconds(10);

    private final String name;
    private final ProcessHandle handle;
    private final Path log;
    private final Thread shutdownHook;

    PeerProcess(String name, ProcessHandle handle, Path log) {
        this.name = name;
        this.handle = handle;
        this.log = log;
        this.shutdownHook = new Thread(() -> kill(Duration.ofSeconds(2)), "stop " + name + " " + handle.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static PeerProcess of(String name, long pid, Path log) {
        ProcessHandle handle = ProcessHandle.of(pid).orElseThrow(() -> new PeerException(
                name + " (pid " + pid + ") ended right after it started; see " + log));
        return new PeerProcess(name, handle, log);
    }

    long pid() {
        return handle.pid();
    }

    boolean isAlive() {
        return handle.isAlive();
    }

    Path log() {
        return log;
    }

    String name() {
        return name;
    }

    /** Stops the process by PID within {@link #GRACE} (plus a second for SIGKILL); idempotent. */
    void stop() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        kill(GRACE);
        if (handle.isAlive()) {
            throw new PeerException(name + " (pid " + handle.pid() + ") survived SIGKILL");
        }
    }

    /**
     * Kills the process and its descendants at once with SIGKILL, as a crash would, and waits
     * (bounded by {@link #KILLED}) until they are gone; idempotent.
     */
    void killNow() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        kill(Duration.ZERO);
        if (handle.isAlive()) {
            throw new PeerException(name + " (pid " + handle.pid() + ") survived SIGKILL");
        }
    }

    private void kill(Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        // workers are re-parented once their leader is gone: remember them now
        List<ProcessHandle> workers = handle.descendants().collect(Collectors.toList());
        if (grace.isZero()) {
            handle.destroyForcibly();
            workers.forEach(ProcessHandle::destroyForcibly);
        } else {
            handle.destroy();
        }
        if (!awaitExit(handle, grace)) {
            handle.destroyForcibly();
            // a loaded machine (CI on two cores) may take a while to reap even a killed process
            awaitExit(handle, KILLED);
        }
        // helpers finish their own work once the leader is gone (tshark's dumpcap flushes the
        // capture file): a short wait before they are killed
        for (ProcessHandle worker : workers) {
            if (worker.isAlive() && !awaitExit(worker, Duration.ofSeconds(2))) {
                worker.destroyForcibly();
                awaitExit(worker, KILLED);
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " pid " + handle.pid() + " (log " + log + ")";
    }
}
