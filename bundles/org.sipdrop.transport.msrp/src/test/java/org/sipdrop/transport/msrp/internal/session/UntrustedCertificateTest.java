package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * msrps to a peer whose certificate the trust store does not hold (RFC 4975 §14.2): refused
 * before any byte of the file moves, with a message naming the certificate and why.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UntrustedCertificateTest {

    @TempDir
    static Path dir;

    private static Path aliceKey;
    private static Path trust;
    private static Path malloryKey;

    @BeforeAll
    static void keys() throws Exception {
        aliceKey = KeyStores.selfSigned(dir, "alice");
        trust = KeyStores.trusting(dir, aliceKey, "alice");
        malloryKey = KeyStores.selfSigned(dir, "mallory");
    }

    private static StackConfig tls(Path key) throws IOException {
        return StackConfig.defaults().withTimeouts(5_000, 5_000).withTls(KeyStores.context(key, trust), 0);
    }

    @Test
    void untrustedPeerCertificateIsRefusedNamingSubjectFingerprintAndTrustStore() throws Exception {
        Path src = TestFiles.random(dir, "secret.bin", 10_000, 7);
        AtomicLong sent = new AtomicLong();
        IOException e;
        try (MsrpStack alice = MsrpStack.start(tls(aliceKey)); MsrpStack mallory = MsrpStack.start(tls(malloryKey));
                FileChannel in = FileChannel.open(src)) {
            MsrpSession tx = alice.openSession(true, true);
            MsrpSession rx = mallory.openSession(true, false);
            e = assertThrows(IOException.class,
                    () -> tx.send(rx.localPath(), in, 10_000, "application/octet-stream", sent::set));
        }
        assertEquals(0, sent.get(), "no byte of the file is sent over an untrusted connection");
        String m = e.getMessage();
        assertTrue(m.contains("server certificate CN=127.0.0.1,O=SipDrop test mallory"), m);
        assertTrue(m.contains("SHA-256 " + fingerprint(malloryKey, "mallory")), m);
        assertTrue(m.contains("is not trusted: no trust anchor in trust store " + trust), m);
    }

    private static String fingerprint(Path keyStore, String alias) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, KeyStores.PASSWORD);
        }
        X509Certificate c = (X509Certificate) ks.getCertificate(alias);
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
    }
}
