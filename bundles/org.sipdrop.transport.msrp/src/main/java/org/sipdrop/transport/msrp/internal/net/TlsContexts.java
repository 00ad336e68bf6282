package org.sipdrop.transport.msrp.internal.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.sipdrop.transfer.tls.ExplainingTrustManager;

/**
 * Builds the TLS context for {@code msrps} (RFC 4975 §14.2: TLS with certificate checks) from
 * key store files (PKCS#12 or JKS, detected from the file): a trust store to check peers, and a
 * key store with this endpoint's certificate to accept connections. Without a trust store the
 * JDK's default CAs are trusted.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /**
     * @param keyStore key store with this side's certificate and key, or null for client-only
     * @param keyPassword its password
     * @param trustStore trust store to check peers with, or null for the JDK defaults
     * @param trustPassword its password
     * @return an initialised TLS context
     * @throws IOException naming the file that could not be read
     */
    public static SSLContext create(Path keyStore, char[] keyPassword, Path trustStore, char[] trustPassword)
            throws IOException {
        try {
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(keyStore, keyPassword, "key store", "tls.key.store"), keyPassword);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore == null ? null : load(trustStore, trustPassword, "trust store", "tls.trust.store"));
            SSLContext ctx = SSLContext.getInstance("TLS");
            String named = trustStore == null ? "the JDK's default CAs" : "trust store " + trustStore;
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), ExplainingTrustManager.wrap(tmf.getTrustManagers(), named),
                    null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TLS for msrps: " + e.getMessage(), e);
        }
    }

    /** @param setting the configuration property that names the file, for the message */
    private static KeyStore load(Path file, char[] password, String what, String setting) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("Setting '" + setting + "': the MSRP TLS " + what + " " + file + " is not a readable file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("Setting '" + setting + "': cannot read the MSRP TLS " + what + " " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
