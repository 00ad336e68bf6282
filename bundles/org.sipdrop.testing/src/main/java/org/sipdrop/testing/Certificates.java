package org.sipdrop.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Trust for the self-signed certificates the peers generate at start, and client keys for them. */
public final class Certificates {

    private Certificates() {
    }

    /** A trust store (PKCS#12 in memory) holding the PEM certificate, e.g. {@link Kamailio#certificate()}. */
    public static KeyStore trustStore(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("peer", certificate);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new PeerException("cannot read certificate " + pem + ": " + e.getMessage(), e);
        }
    }

    /** A TLS context that trusts exactly the PEM certificate (host name 127.0.0.1 is in it). */
    public static SSLContext trusting(Path pem) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore(pem));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new PeerException("cannot build a TLS context for " + pem + ": " + e.getMessage(), e);
        }
    }

    /**
     * A TLS context that trusts exactly the PEM certificate and presents the key and certificate
     * of a PKCS#12 key store as the client's, e.g. a {@link Mosquitto#clientCertificate(String)}.
     */
    public static SSLContext withClientKey(Path keyStore, String password, Path trustedPem) {
        try {
            KeyStore keys = KeyStore.getInstance(keyStore.toFile(), password.toCharArray());
            KeyManagerFactory keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyFactory.init(keys, password.toCharArray());
            TrustManagerFactory trustFactory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustFactory.init(trustStore(trustedPem));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyFactory.getKeyManagers(), trustFactory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new PeerException("cannot build a TLS client context from " + keyStore + ": " + e.getMessage(), e);
        }
    }
}
