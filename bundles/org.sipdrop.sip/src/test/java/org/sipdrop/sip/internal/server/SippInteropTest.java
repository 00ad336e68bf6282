package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sipp (an independent SIP implementation) on both sides of the embedded proxy: a call with
 * INVITE/180/200/ACK/BYE along the recorded route, and MESSAGE from UDP to a TCP callee.
 * Skipped when sipp is not installed; every sipp is bounded (-m, -timeout) and killed by PID.
 */
class SippInteropTest extends ServerTestBase {

    private static final Path SIPP = Path.of("/usr/bin/sipp");
    private static final Path SCENARIOS = Path.of("../../releng/peers/sipp-server").toAbsolutePath().normalize();

    @TempDir
    Path work;
    private final List<Process> processes = new ArrayList<>();

    @BeforeAll
    void startServer() throws Exception {
        assumeTrue(Files.isExecutable(SIPP), "sipp is not installed (apt-get install sip-tester)");
        start();
    }

    @AfterEach
    void stopSipp() {
        processes.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port");
    }

    private Process sipp(String name, String scenario, int localPort, String transport, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SIPP.toString(), "127.0.0.1:" + udpAddress().getPort(), "-sf",
                SCENARIOS.resolve(scenario).toString(), "-i", "127.0.0.1", "-p", String.valueOf(localPort), "-t", transport,
                "-m", "1", "-nostdin", "-timeout", "15s", "-timeout_error"));
        cmd.addAll(List.of(more));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(name + ".out").toFile()).start();
        processes.add(p);
        return p;
    }

    private void registerContact(String user, String contact) throws Exception {
        RawUa registrar = udp(user + "-registrar");
        registrar.send(registrar.request("REGISTER", serverUri(), "<sip:" + user + "@127.0.0.1>", callId(), "Expires: 300\r\n", null, null)
                .replace("Contact: <" + registrar.contactUri() + ">", "Contact: <" + contact + ">")
                .replace("From: <" + registrar.aor() + ">", "From: <sip:" + user + "@127.0.0.1>"));
        assertEquals(200, registrar.awaitFinal("REGISTER").status());
    }

    private void succeeds(String name, Process p) throws Exception {
        boolean done = p.waitFor(20, TimeUnit.SECONDS);
        String out = Files.exists(work.resolve(name + ".out")) ? Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8) : "";
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, name + " did not finish: " + tail(out));
        assertEquals(0, p.exitValue(), name + " failed: " + tail(out));
    }

    private static String tail(String s) {
        return s.length() > 1500 ? s.substring(s.length() - 1500) : s;
    }

    @Test
    void sippCallRunsThroughTheProxyWithRecordRoute() throws Exception {
        int bobPort = freePort();
        registerContact("bob", "sip:bob@127.0.0.1:" + bobPort);
        Process bob = sipp("bob", "uas-answer.xml", bobPort, "u1");
        Thread.sleep(300); // let sipp bind before the call arrives
        Process alice = sipp("alice", "uac-invite-through-proxy.xml", freePort(), "u1", "-s", "bob");
        succeeds("alice", alice);
        succeeds("bob", bob);
    }

    @Test
    void sippMessageFromUdpReachesATcpCallee() throws Exception {
        int bobPort = freePort();
        registerContact("carol", "sip:carol@127.0.0.1:" + bobPort + ";transport=tcp");
        Process bob = sipp("carol", "uas-message.xml", bobPort, "t1");
        Thread.sleep(300);
        Process alice = sipp("alice", "uac-message.xml", freePort(), "u1", "-s", "carol");
        succeeds("alice", alice);
        succeeds("carol", bob);
    }
}
