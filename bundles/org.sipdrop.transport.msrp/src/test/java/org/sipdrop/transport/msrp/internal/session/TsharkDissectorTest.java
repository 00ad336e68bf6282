package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An independent check of the wire format: Wireshark's MSRP dissector (tshark) reads a loopback
 * capture of one transfer and reports no malformed frame and no warning.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TsharkDissectorTest {

    private static final Path TSHARK = Path.of("/usr/bin/tshark");

    @TempDir
    Path dir;

    @Test
    void wiresharksMsrpDissectorFindsNoMalformedFrameInATransfer() throws Exception {
        assertTrue(Files.isExecutable(TSHARK), "tshark is not installed: apt-get install tshark (releng/packages.txt)");
        StackConfig c = StackConfig.defaults().withChunkSize(8 * 1024).withTimeouts(5_000, 5_000)
                .withReportInterval(32 * 1024);
        Path pcap = dir.resolve("msrp.pcapng");
        ExecutorService callers = Executors.newCachedThreadPool();
        try (MsrpStack alice = MsrpStack.start(c); MsrpStack bob = MsrpStack.start(c)) {
            int port = bob.port();
            Process capture = new ProcessBuilder(TSHARK.toString(), "-i", "lo", "-f", "tcp port " + port, "-a",
                    "duration:30", "-w", pcap.toString()).redirectErrorStream(true).start();
            try {
                awaitCapturing(capture);
                Path src = TestFiles.random(dir, "src", 200_000, 99);
                MsrpSession tx = alice.openSession(false, true);
                MsrpSession rx = bob.openSession(false, false);
                try (FileChannel in = FileChannel.open(src); FileChannel out = TestFiles.create(dir.resolve("dst"))) {
                    Future<?> r = callers.submit(() -> {
                        rx.receive(tx.localPath(), out, 200_000, n -> { });
                        return null;
                    });
                    tx.send(rx.localPath(), in, 200_000, "application/octet-stream", n -> { });
                    r.get(10, TimeUnit.SECONDS);
                }
                Thread.sleep(500); // let the last segments reach the capture buffer
            } finally {
                stop(capture);
                callers.shutdownNow();
            }
            String decode = "tcp.port==" + port + ",msrp";
            List<String> methods = run(TSHARK.toString(), "-r", pcap.toString(), "-d", decode, "-Y", "msrp.method",
                    "-T", "fields", "-e", "msrp.method");
            assertTrue(methods.stream().anyMatch(l -> l.contains("SEND")), "the dissector saw SENDs: " + methods);
            assertTrue(methods.stream().anyMatch(l -> l.contains("REPORT")), "the dissector saw REPORTs: " + methods);
            // TCP's own warnings are left out: its analysis flags (zero windows are back-pressure)
            // and D-SACK options (a spurious loopback retransmission under CPU load)
            List<String> bad = run(TSHARK.toString(), "-r", pcap.toString(), "-d", decode, "-Y",
                    "_ws.malformed || (msrp && _ws.expert.severity >= warning && !tcp.analysis.flags"
                            + " && !tcp.options.sack.dsack)");
            assertEquals(List.of(), bad, "MSRP frames tshark flags as malformed or with warnings");
        }
    }

    /** Waits, bounded, for tshark's "Capturing on" line. */
    private static void awaitCapturing(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (int i = 0; i < 50; i++) {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("tshark ended before capturing");
            }
            if (line.contains("Capturing on")) {
                // dumpcap reports the interface before its filter is live; a settle pause, not an assertion
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
        }
        throw new IOException("tshark did not start capturing");
    }

    /** Stops tshark by its PID (SIGTERM lets it finish the file), bounded. */
    private static void stop(Process p) throws InterruptedException {
        ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy);
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static List<String> run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = r.readLine(); l != null && lines.size() < 10_000; l = r.readLine()) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("tshark did not finish reading the capture");
        }
        return lines;
    }
}
