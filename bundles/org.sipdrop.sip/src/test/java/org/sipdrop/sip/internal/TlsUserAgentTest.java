package org.sipdrop.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipTls;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;

/** SIP over TLS (RFC 3261 §26.2): trusted certificates work, an untrusted server is refused. */
class TlsUserAgentTest {

    @TempDir
    static Path dir;
    private static Path bobKeys;
    private static Path trustsBob;
    private static Path trustsRogue;

    private final JainSipEndpointFactory factory = new JainSipEndpointFactory();

    @BeforeAll
    static void certificates() throws Exception {
        bobKeys = TestCertificates.keyStore(dir, "bob");
        TestCertificates.keyStore(dir, "rogue");
        trustsBob = TestCertificates.trustStore(dir, "trusts-bob", "bob");
        trustsRogue = TestCertificates.trustStore(dir, "trusts-rogue", "rogue");
    }

    @AfterEach
    void stop() {
        factory.deactivate();
    }

    private SipUserAgent bob() throws Exception {
        SipUserAgent bob = factory.open(SipEndpointConfig.loopbackTls("bob",
                SipTls.of(bobKeys, TestCertificates.PASSWORD, trustsBob, TestCertificates.PASSWORD)))
                .userAgent(SipAccount.builder("sip:bob@127.0.0.1").transport(SipTransport.TLS).build());
        bob.onMessage(m -> SipStatus.OK);
        return bob;
    }

    private SipUserAgent client(String name, Path trust) throws Exception {
        return factory.open(SipEndpointConfig.loopbackTls(name, SipTls.trusting(trust, TestCertificates.PASSWORD)))
                .userAgent(SipAccount.builder("sip:" + name + "@127.0.0.1").transport(SipTransport.TLS).build());
    }

    @Test
    void messageOverTlsToATrustedServerIsDelivered() throws Exception {
        SipUserAgent bob = bob();
        SipUserAgent alice = client("alice", trustsBob);
        assertTrue(bob.contact().endsWith(";transport=tls"), bob.contact());
        assertEquals(200, alice.message(bob.contact(), SipBody.text("over TLS")).get(15, TimeUnit.SECONDS).status());
    }

    @Test
    void serverWithAnUntrustedCertificateIsRefusedWithAClearError() throws Exception {
        SipUserAgent bob = bob();
        SipUserAgent carol = client("carol", trustsRogue);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> carol.message(bob.contact(), SipBody.text("should not arrive")).get(60, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("certificate is not trusted"), e.getCause().getMessage());
    }
}
