package org.sipdrop.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A running tshark capture ({@link Tshark#start}); {@link #stop()} ends it by PID and returns the file. */
public final class TsharkCapture implements AutoCloseable {

    private final Process process;
    private final PeerProcess peer;
    private final Path pcap;
    private final Path log;

    TsharkCapture(Process process, Path pcap, Path log) {
        this.process = process;
        this.pcap = pcap;
        this.log = log;
        this.peer = new PeerProcess("tshark", process.toHandle(), log);
    }

    /** The payload of the datagrams that prove the capture runs. */
    public static final String CANARY = "sipdrop-tshark-canary";

    void awaitCapturing(Duration timeout, int canaryPort) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // "Capturing on" comes before dumpcap runs; "Capture started" once it wrote the file header
        while (!logText().contains("Capture started")) {
            failIfEnded();
            if (System.nanoTime() > deadline) {
                fail("tshark did not start capturing within " + timeout.toSeconds() + " s: " + logText().strip());
            }
            sleep(20);
        }
        long header = size();
        byte[] canary = CANARY.getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            while (size() <= header) {
                failIfEnded();
                if (System.nanoTime() > deadline) {
                    fail("tshark captured none of the canary datagrams within " + timeout.toSeconds() + " s: "
                            + logText().strip());
                }
                socket.send(new DatagramPacket(canary, canary.length, InetAddress.getLoopbackAddress(), canaryPort));
                sleep(100);
            }
        } catch (IOException e) {
            fail("cannot send a canary datagram: " + e.getMessage());
        }
    }

    private void failIfEnded() {
        if (!process.isAlive()) {
            throw new PeerException("tshark could not capture on lo (exit " + process.exitValue() + "): "
                    + logText().strip() + " (capturing needs root or the wireshark group)");
        }
    }

    private void fail(String message) {
        peer.stop();
        throw new PeerException(message);
    }

    private long size() {
        try {
            return Files.exists(pcap) ? Files.size(pcap) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** The capture file (complete once {@link #stop()} returned). */
    public Path pcap() {
        return pcap;
    }

    /**
     * Ends the capture (SIGTERM lets tshark finish the file; SIGKILL after 5 s) and returns the
     * pcapng. A short pause first lets the last packets through.
     */
    public Path stop() {
        if (process.isAlive()) {
            sleep(300);
        }
        peer.stop();
        if (!Files.isRegularFile(pcap)) {
            throw new PeerException("tshark wrote no capture file: " + logText().strip());
        }
        return pcap;
    }

    @Override
    public void close() {
        peer.stop();
    }

    private String logText() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
