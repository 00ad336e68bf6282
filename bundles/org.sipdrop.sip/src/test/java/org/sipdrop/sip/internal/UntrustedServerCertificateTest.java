package org.sipdrop.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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

/**
 * RFC 3261 §26.2.1: a TLS server whose certificate is not in the trust store is refused before
 * any request reaches it, registering and sending alike, and the user is told which certificate
 * (subject, SHA-256 fingerprint) and why.
 */
class UntrustedServerCertificateTest {

    @TempDir
    static Path dir;
    private static Path bobKeys;
    private static Path trustsBob;
    private static Path trustsRogue;

    private final JainSipEndpointFactory factory = new JainSipEndpointFactory();
    private final AtomicInteger delivered = new AtomicInteger();

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
        bob.onMessage(m -> {
            delivered.incrementAndGet();
            return SipStatus.OK;
        });
        return bob;
    }

    private SipUserAgent carol(String registrar) throws Exception {
        SipAccount.Builder account = SipAccount.builder("sip:carol@127.0.0.1").transport(SipTransport.TLS);
        if (registrar != null) {
            account.registrar(registrar);
        }
        return factory.open(SipEndpointConfig.loopbackTls("carol", SipTls.trusting(trustsRogue, TestCertificates.PASSWORD)))
                .userAgent(account.build());
    }

    @Test
    void requestToAServerWithAnUntrustedCertificateIsRefusedNamingTheCertificateAndWhy() throws Exception {
        SipUserAgent bob = bob();
        SipUserAgent carol = carol(null);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> carol.message(bob.contact(), SipBody.text("should not arrive")).get(60, TimeUnit.SECONDS));
        assertEquals(0, delivered.get(), "nothing reached the untrusted server");
        assertNamesCertificateAndReason(e.getCause().getMessage());
    }

    @Test
    void registeringWithAnUntrustedRegistrarFailsNamingTheCertificateAndWhy() throws Exception {
        SipUserAgent bob = bob();
        String hostPort = bob.contact().replaceAll("^sip:bob@([^;>]+).*$", "$1");
        SipUserAgent carol = carol("sip:" + hostPort + ";transport=tls");
        ExecutionException e = assertThrows(ExecutionException.class, () -> carol.register().get(60, TimeUnit.SECONDS));
        assertNamesCertificateAndReason(e.getCause().getMessage());
    }

    private static void assertNamesCertificateAndReason(String m) throws Exception {
        assertTrue(m.contains("server certificate CN=127.0.0.1,O=SipDrop test bob"), m);
        assertTrue(m.contains("SHA-256 " + fingerprint(bobKeys, "bob")), m);
        assertTrue(m.contains("is not trusted: no trust anchor in trust store " + trustsRogue.toAbsolutePath()), m);
    }

    private static String fingerprint(Path keyStore, String alias) throws Exception {
        X509Certificate c = (X509Certificate) KeyStore.getInstance(keyStore.toFile(), TestCertificates.PASSWORD)
                .getCertificate(alias);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
}
