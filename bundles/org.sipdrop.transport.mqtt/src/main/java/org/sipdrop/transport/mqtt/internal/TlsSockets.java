package org.sipdrop.transport.mqtt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import org.sipdrop.transfer.tls.ExplainingTrustManager;

/**
 * The TLS sockets of the {@code mqtts} connection: the JDK's CAs or only the certificates of the
 * configured trust store (PEM as openssl and mosquitto write it, PKCS#12 or JKS), and a client
 * certificate from a PKCS#12 or JKS key store when the broker asks for one. Paho verifies the
 * broker's host name ({@code MqttConnectOptions.setHttpsHostnameVerificationEnabled}).
 */
final class TlsSockets {

    private TlsSockets() {
    }

    /** @throws IOException naming the setting whose file is unusable */
    static SSLSocketFactory of(MqttSettings s) throws IOException {
        try {
            KeyStore trust = null;
            String named = "the JDK's default CAs";
            if (!s.trustStore().isEmpty()) {
                trust = load("tls.trust.store", Path.of(s.trustStore()), s.trustStorePassword(), true);
                named = "the MQTT trust store " + s.trustStore();
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] keys = null;
            if (!s.keyStore().isEmpty()) {
                KeyStore ks = load("tls.key.store", Path.of(s.keyStore()), s.keyStorePassword(), false);
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, s.keyStorePassword());
                keys = kmf.getKeyManagers();
            }
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys, ExplainingTrustManager.wrap(tmf.getTrustManagers(), named), null);
            return tls.getSocketFactory();
        } catch (UnrecoverableKeyException e) {
            throw new IOException("tls.key.store: wrong password for the key in '" + s.keyStore() + "'", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS settings are unusable: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String setting, Path path, char[] password, boolean pemAllowed)
            throws IOException, GeneralSecurityException {
        if (!Files.isReadable(path)) {
            throw new IOException(setting + ": cannot read '" + path + "'");
        }
        if (pemAllowed && isPem(path)) {
            return pem(setting, path);
        }
        for (String type : new String[] {"PKCS12", "JKS"}) {
            try (InputStream in = Files.newInputStream(path)) {
                KeyStore ks = KeyStore.getInstance(type);
                ks.load(in, password);
                return ks;
            } catch (IOException | GeneralSecurityException e) {
                if (e.getCause() instanceof UnrecoverableKeyException) {
                    throw new IOException(setting + ": wrong password for '" + path + "'", e);
                }
            }
        }
        throw new IOException(setting + ": '" + path + "' is neither " + (pemAllowed ? "PEM, " : "") + "PKCS#12 nor JKS");
    }

    private static boolean isPem(Path path) throws IOException {
        byte[] head = new byte[11];
        try (InputStream in = Files.newInputStream(path)) {
            return in.readNBytes(head, 0, head.length) == head.length
                    && new String(head, StandardCharsets.US_ASCII).equals("-----BEGIN ");
        }
    }

    private static KeyStore pem(String setting, Path path) throws IOException, GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(path)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        if (certs.isEmpty()) {
            throw new IOException(setting + ": '" + path + "' holds no certificate");
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        int i = 0;
        for (Certificate c : certs) {
            ks.setCertificateEntry("broker-" + i++, c);
        }
        return ks;
    }
}
