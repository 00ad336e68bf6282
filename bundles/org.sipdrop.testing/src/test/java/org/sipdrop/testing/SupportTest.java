package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The pieces that need no peer: ports, repository, missing programs, sipp statistics. */
class SupportTest {

    @Test
    void freePortIsBindableForTcpAndUdpAndBelowEphemeralRange() {
        int port = FreePorts.tcpAndUdp();
        assertTrue(port >= FreePorts.LOW && port < 32768, "port " + port);
        assertTrue(FreePorts.tcpFree(port));
        assertTrue(FreePorts.udpFree(port));
        int first = FreePorts.consecutive(4);
        for (int p = first; p < first + 4; p++) {
            assertTrue(FreePorts.udpFree(p));
        }
    }

    @Test
    void distinctTcpPortsAreFreeAndDifferent() {
        int[] ports = FreePorts.distinctTcp(3);
        assertEquals(3, java.util.Arrays.stream(ports).distinct().count());
        for (int port : ports) {
            assertTrue(FreePorts.tcpFree(port), "port " + port);
        }
    }

    @Test
    void repositoryIsFoundFromTheWorkingDirectory() {
        assertTrue(Files.isExecutable(Repository.peers().resolve("kamailio/kamailio-peer")));
        assertTrue(Files.isRegularFile(Sipp.scenario("uac-message.xml")));
    }

    @Test
    void missingProgramNamesItsDebianPackage() {
        MissingPeerException e = assertThrows(MissingPeerException.class,
                () -> Binaries.require("sipdrop-no-such-program", "sipdrop-no-such-package"));
        assertEquals("sipdrop-no-such-package", e.debianPackage());
        assertTrue(e.getMessage().contains("apt-get install"), e.getMessage());
    }

    @Test
    void openKamailioTakesNoUsers() {
        assertThrows(IllegalArgumentException.class, () -> Kamailio.start(Kamailio.Mode.OPEN,
                Files.createTempDirectory("k"), Kamailio.Ports.freeWithoutTls(), Map.of("a", "b")));
    }

    @Test
    void sippStatisticsAreReadByColumnName() {
        Map<String, String> columns = SippStatistics.parse("StartTime;TotalCallCreated;SuccessfulCall(C);FailedCall(C);",
                "2026-11-26\t00:38:28.1;5;4;1;");
        SippResult result = new SippResult(1, columns, java.nio.file.Path.of("/tmp"));
        assertEquals(5, result.created());
        assertEquals(4, result.successful());
        assertEquals(1, result.failed());
        assertEquals(false, result.allSucceeded());
    }
}
