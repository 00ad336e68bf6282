package org.sipdrop.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * tshark 4.0 as an independent check of SipDrop's wire format: capture loopback traffic on
 * some ports, then list the frames its dissectors (SIP, SDP, MSRP) call malformed or flag with
 * an expert warning or error.
 * <pre>
 * try (TsharkCapture capture = Tshark.start(dir, Duration.ofSeconds(30), sipPort)) {
 *     ... exchange ...
 *     Path pcap = capture.stop();
 *     assertEquals(List.of(), Tshark.malformed(pcap, "udp.port==" + sipPort + ",sip"));
 * }
 * </pre>
 * Capturing needs root or membership in the wireshark group (dumpcap's capabilities).
 */
public final class Tshark {

    /** Display filter for what is reported: malformed frames and expert infos of severity warning (0x600000) or error. */
    public static final String PROBLEMS = "_ws.malformed || _ws.expert.severity >= 0x600000";

    /** A frame tshark reported, with its protocol column, info column and expert messages. */
    public record Frame(long number, String protocol, String info, String expert) {
        @Override
        public String toString() {
            return "frame " + number + " " + protocol + " [" + info + "]: " + expert;
        }
    }

    static final Duration READY = Duration.ofSeconds(10);
    static final Duration READ = Duration.ofSeconds(30);

    private Tshark() {
    }

    /**
     * Starts capturing loopback traffic to or from {@code ports} (TCP and UDP) into a pcapng in
     * {@code dir}; returns once a packet sent now is captured. tshark says "Capturing on" before
     * dumpcap runs, so readiness is proven with UDP datagrams to an extra port (the
     * capture's first frames, {@value TsharkCapture#CANARY}). The capture ends by itself after
     * {@code maxDuration} at the latest.
     */
    public static TsharkCapture start(Path dir, Duration maxDuration, int... ports) {
        Path tshark = Binaries.require("tshark", "tshark");
        if (ports.length == 0) {
            throw new IllegalArgumentException("name at least one port to capture");
        }
        Path runDir = Launcher.createRunDir(dir);
        int canary = FreePorts.udp();
        String filter = Arrays.stream(ports).mapToObj(p -> "port " + p).collect(Collectors.joining(" or "))
                + " or udp dst port " + canary;
        Path pcap = runDir.resolve("capture-" + System.nanoTime() + ".pcapng");
        Path log = runDir.resolve(pcap.getFileName() + ".log");
        List<String> command = List.of(tshark.toString(), "-i", "lo", "-n", "-q",
                "-a", "duration:" + Math.max(1, maxDuration.toSeconds()), "-f", filter, "-w", pcap.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        } catch (IOException e) {
            throw new PeerException("cannot run tshark: " + e.getMessage(), e);
        }
        TsharkCapture capture = new TsharkCapture(process, pcap, log);
        capture.awaitCapturing(READY, canary);
        return capture;
    }

    /**
     * Captures for {@code duration} (blocking) and returns the pcapng: for traffic that some
     * other thread or process makes meanwhile.
     */
    public static Path capture(Path dir, Duration duration, int... ports) {
        try (TsharkCapture capture = start(dir, duration.plusSeconds(5), ports)) {
            Thread.sleep(duration.toMillis());
            return capture.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while capturing", e);
        }
    }

    /**
     * The frames of {@code pcap} that are malformed or carry an expert warning/error.
     * {@code decodeAs} are tshark {@code -d} rules for ports without a default dissector,
     * e.g. {@code "udp.port==25060,sip"}, {@code "tcp.port==25060,sip"}, {@code "tcp.port==2855,msrp"}.
     */
    public static List<Frame> malformed(Path pcap, String... decodeAs) {
        return frames(pcap, PROBLEMS, decodeAs);
    }

    /** The frames of {@code pcap} matching a display filter (e.g. "sip" or "sdp"). */
    public static List<Frame> frames(Path pcap, String displayFilter, String... decodeAs) {
        Path tshark = Binaries.require("tshark", "tshark");
        List<String> command = new ArrayList<>(List.of(tshark.toString(), "-r", pcap.toString(), "-n"));
        for (String rule : decodeAs) {
            command.addAll(List.of("-d", rule));
        }
        command.addAll(List.of("-Y", displayFilter, "-T", "fields", "-E", "separator=/t", "-E", "aggregator=|",
                "-e", "frame.number", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info", "-e", "_ws.expert.message"));
        String output = run(command, pcap);
        List<Frame> frames = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] fields = line.split("\t", -1);
            if (fields.length < 4 || !fields[0].matches("\\d+")) {
                continue;
            }
            frames.add(new Frame(Long.parseLong(fields[0]), fields[1], fields[2], fields[3]));
        }
        return frames;
    }

    private static String run(List<String> command, Path pcap) {
        try {
            Path out = Files.createTempFile("tshark-", ".txt");
            Path err = Files.createTempFile("tshark-", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
                if (!process.waitFor(READ.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new PeerException("tshark took more than " + READ.toSeconds() + " s to read " + pcap);
                }
                if (process.exitValue() != 0) {
                    throw new PeerException("tshark could not read " + pcap + " (exit " + process.exitValue() + "): "
                            + Files.readString(err, StandardCharsets.UTF_8).strip());
                }
                return Files.readString(out, StandardCharsets.UTF_8);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new PeerException("cannot run tshark: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while tshark read " + pcap, e);
        }
    }
}
