package org.sipdrop.sip.internal;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Delegates every check to the JDK's trust manager and, when it refuses a peer, replaces the
 * JDK's text ("PKIX path building failed: …") with one a user can act on: which certificate
 * (subject and SHA-256 fingerprint) and why (no trust anchor in the named trust store, expired,
 * host name mismatch). The JSSE turns this exception's message into the handshake failure's.
 * The peer's certificate must also be within its validity dates, even when the trust store holds
 * it itself (the JDK checks no dates of a trust anchor).
 * <p>
 * Transports share the same class from org.sipdrop.transfer.tls; the SIP bundle depends on no SipDrop bundle, so it keeps this copy.
 */
final class ExplainingTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final String trustStore;

    /**
     * @param delegate the JDK trust manager that decides
     * @param trustStore how to name the trust store in messages, e.g. {@code trust store /a/b.p12}
     */
    ExplainingTrustManager(X509ExtendedTrustManager delegate, String trustStore) {
        this.delegate = delegate;
        this.trustStore = trustStore;
    }

    /** @return {@code managers} with each X.509 trust manager wrapped */
    static TrustManager[] wrap(TrustManager[] managers, String trustStore) {
        TrustManager[] out = managers.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof X509ExtendedTrustManager x) {
                out[i] = new ExplainingTrustManager(x, trustStore);
            }
        }
        return out;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
            requireCurrent(chain);
        } catch (CertificateException e) {
            throw explain("server", chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
            requireCurrent(chain);
        } catch (CertificateException e) {
            throw explain("server", chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
            requireCurrent(chain);
        } catch (CertificateException e) {
            throw explain("server", chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
            requireCurrent(chain);
        } catch (CertificateException e) {
            throw explain("client", chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
            requireCurrent(chain);
        } catch (CertificateException e) {
            throw explain("client", chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
            requireCurrent(chain);
        } catch (CertificateException e) {
            throw explain("client", chain, e);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }

    /**
     * The JDK does not check the validity dates of a trust anchor, so an expired self-signed
     * certificate that the trust store holds would pass; the peer's own certificate must be current.
     */
    private static void requireCurrent(X509Certificate[] chain) throws CertificateException {
        if (chain != null && chain.length > 0) {
            chain[0].checkValidity();
        }
    }

    private CertificateException explain(String role, X509Certificate[] chain, CertificateException e) {
        if (chain == null || chain.length == 0) {
            return e;
        }
        return new CertificateException(role + " certificate " + describe(chain[0]) + " is not trusted: "
                + reason(chain[0], e), e);
    }

    /** @return {@code CN=…, O=… (SHA-256 AB:CD:…)} */
    static String describe(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName() + " (SHA-256 " + fingerprint(cert) + ")";
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            return "unknown";
        }
    }

    private String reason(X509Certificate cert, CertificateException e) {
        try {
            cert.checkValidity();
        } catch (CertificateExpiredException x) {
            return "it expired on " + cert.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException x) {
            return "it is not valid before " + cert.getNotBefore().toInstant();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.startsWith("No subject alternative") || m.startsWith("No name matching")) {
                return "host name mismatch (" + m + ")";
            }
            if (t instanceof CertPathBuilderException) {
                return "no trust anchor in " + trustStore;
            }
        }
        return String.valueOf(e.getMessage());
    }
}
