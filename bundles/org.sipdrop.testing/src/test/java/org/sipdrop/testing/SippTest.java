package org.sipdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** sipp UAC to a sipp UAS registered behind an open Kamailio: proves sipp, scenarios and proxy. */
@Timeout(40)
class SippTest {

    @TempDir
    static Path runDir;

    private static Kamailio kamailio;

    @BeforeAll
    static void start() {
        kamailio = Kamailio.start(Kamailio.Mode.OPEN, runDir.resolve("kamailio"), Kamailio.Ports.freeWithoutTls(), Map.of());
    }

    @AfterAll
    static void stop() {
        if (kamailio != null) {
            kamailio.close();
        }
    }

    @Test
    void messagesThroughKamailioToRegisteredUasAllSucceed() {
        try (SippProcess uas = Sipp.uas(Sipp.scenario("uas-message.xml")).count(5).timeout(Duration.ofSeconds(20))
                .runDir(runDir).start()) {
            register("bob", uas.localPort());

            SippResult uac = Sipp.uac(Sipp.scenario("uac-message.xml"), kamailio.sipPort()).service("bob").count(5)
                    .rate(50).timeout(Duration.ofSeconds(10)).runDir(runDir).run();
            assertTrue(uac.allSucceeded(), uac.toString());
            assertEquals(5, uac.successful());
            assertEquals(0, uac.failed());

            SippResult received = uas.await(Duration.ofSeconds(10));
            assertEquals(5, received.successful(), received.toString());
            assertEquals(0, received.exitCode(), received.toString());
        }
    }

    @Test
    void rfc5547PushOfferIsAnsweredByUasThroughKamailio() {
        try (SippProcess uas = Sipp.uas(Sipp.scenario("uas-invite-5547.xml")).key("msrp_port", "2856").count(1)
                .timeout(Duration.ofSeconds(20)).runDir(runDir).start()) {
            register("carol", uas.localPort());

            SippResult uac = Sipp.uac(Sipp.scenario("uac-invite-5547.xml"), kamailio.sipPort()).service("carol")
                    .key("msrp_port", "2855").count(1).timeout(Duration.ofSeconds(10)).runDir(runDir).run();
            assertTrue(uac.allSucceeded(), uac.toString());

            SippResult answered = uas.await(Duration.ofSeconds(10));
            assertEquals(1, answered.successful(), answered.toString());
        }
    }

    @Test
    void messageToUnregisteredUserIsAFailedCall() {
        SippResult uac = Sipp.run(Sipp.scenario("uac-message.xml"), "127.0.0.1:" + kamailio.sipPort(), 2, Duration.ofSeconds(10));
        assertEquals(1, uac.exitCode(), uac.toString());
        assertEquals(2, uac.failed());
    }

    private static void register(String user, int contactPort) {
        SippResult registered = Sipp.uac(Sipp.scenario("uac-register.xml"), kamailio.sipPort()).service(user)
                .key("contact_port", String.valueOf(contactPort)).timeout(Duration.ofSeconds(5)).runDir(runDir).run();
        assertTrue(registered.allSucceeded(), registered.toString());
    }
}
