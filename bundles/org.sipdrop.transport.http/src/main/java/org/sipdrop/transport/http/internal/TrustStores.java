package org.sipdrop.transport.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.sipdrop.transfer.tls.ExplainingTrustManager;

/**
 * The TLS context of the storage client: the JDK's CAs, or only the certificates of a trust
 * store file given in the settings, which may be PEM ({@code -----BEGIN CERTIFICATE-----}, as
 * nginx and openssl write them), PKCS#12 or JKS. Host names are always verified (RFC 9110 §4.3.4).
 */
final class TrustStores {

    private TrustStores() {
    }

    /** @return the context trusting {@code file}'s certificates, or the JDK's default CAs when {@code file} is blank */
    static SSLContext context(String file, char[] password) throws IOException {
        try {
            KeyStore trust = null;
            String named = "the JDK's default CAs";
            if (file != null && !file.isBlank()) {
                Path path = Path.of(file);
                if (!Files.isReadable(path)) {
                    throw new IOException("cannot read the storage trust store '" + file + "'");
                }
                trust = load(path, password);
                named = "the storage trust store " + file;
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            // a refused certificate is reported with its subject, fingerprint and the reason
            tls.init(null, ExplainingTrustManager.wrap(tmf.getTrustManagers(), named), null);
            return tls;
        } catch (GeneralSecurityException e) {
            throw new IOException("the storage trust store '" + file + "' is unusable: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, char[] password) throws IOException, GeneralSecurityException {
        byte[] head = new byte[11];
        try (InputStream in = Files.newInputStream(path)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n == head.length && new String(head, java.nio.charset.StandardCharsets.US_ASCII).equals("-----BEGIN ")) {
                return pem(path);
            }
        }
        for (String type : new String[] {"PKCS12", "JKS"}) {
            try (InputStream in = Files.newInputStream(path)) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password);
                return ks;
            } catch (IOException | GeneralSecurityException e) {
                if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                    throw new IOException("wrong password for the storage trust store '" + path + "'", e);
                }
            }
        }
        throw new IOException("the storage trust store '" + path + "' is neither PEM, PKCS#12 nor JKS");
    }

    private static KeyStore pem(Path path) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(path)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new IOException("the storage trust store '" + path + "' holds no certificate");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("storage-" + i++, c);
        }
        return ks;
    }
}
