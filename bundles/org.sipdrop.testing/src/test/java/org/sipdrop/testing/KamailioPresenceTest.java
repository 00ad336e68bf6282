package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class KamailioPresenceTest {

    private static final String PIDF = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@127.0.0.1\">\n"
            + "  <tuple id=\"sipdrop-1\"><status><basic>open</basic></status><note>testing</note></tuple>\n"
            + "</presence>\n";

    @Test
    void presenceServerAcceptsPublishWithoutDatabase(@TempDir Path runDir) {
        try (Kamailio presence = Kamailio.startPresence(Kamailio.Mode.OPEN, runDir, Kamailio.Ports.freeWithoutTls(), Map.of());
                SipUdp sip = SipUdp.open()) {
            String response = sip.exchange(presence.sipPort(),
                    SipRequests.publish(presence.sipPort(), sip.localPort(), "alice", PIDF), Duration.ofSeconds(3));
            assertEquals(200, SipUdp.status(response), response);
            assertNotNull(SipRequests.header(response, "SIP-ETag"), "RFC 3903 4.1: a SIP-ETag for the publication");
        }
    }
}
