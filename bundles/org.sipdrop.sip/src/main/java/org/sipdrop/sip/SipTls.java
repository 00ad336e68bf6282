package org.sipdrop.sip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS material of one SIP endpoint (RFC 3261 §26.2.1): a key store with this endpoint's
 * certificate (needed to listen on TLS) and a trust store with the certificates or CAs of
 * servers it accepts. A server whose certificate chain is not trusted is refused.
 */
public final class SipTls {

    private final Path keyStore;
    private final char[] keyStorePassword;
    private final Path trustStore;
    private final char[] trustStorePassword;
    private final String type;

    private SipTls(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword, String type) {
        this.keyStore = keyStore;
        this.keyStorePassword = keyStorePassword == null ? new char[0] : keyStorePassword.clone();
        this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
        this.trustStorePassword = trustStorePassword == null ? new char[0] : trustStorePassword.clone();
        this.type = Objects.requireNonNull(type, "type");
        requireReadable(trustStore, "trust store");
        if (keyStore != null) {
            requireReadable(keyStore, "key store");
        }
    }

    private static void requireReadable(Path p, String what) {
        if (!Files.isReadable(p)) {
            throw new IllegalArgumentException("The TLS " + what + " " + p + " does not exist or cannot be read");
        }
    }

    /** A client that trusts the servers in {@code trustStore} and presents no certificate. */
    public static SipTls trusting(Path trustStore, char[] password) {
        return new SipTls(null, null, trustStore, password, "PKCS12");
    }

    /** An endpoint that can listen on TLS with {@code keyStore} and trusts {@code trustStore}. */
    public static SipTls of(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
        return new SipTls(Objects.requireNonNull(keyStore, "keyStore"), keyStorePassword, trustStore, trustStorePassword, "PKCS12");
    }

    /** @return the same settings for stores of another type, e.g. {@code JKS} */
    public SipTls type(String storeType) {
        return new SipTls(keyStore, keyStorePassword, trustStore, trustStorePassword, storeType);
    }

    public Optional<Path> keyStore() {
        return Optional.ofNullable(keyStore);
    }

    public char[] keyStorePassword() {
        return keyStorePassword.clone();
    }

    public Path trustStore() {
        return trustStore;
    }

    public char[] trustStorePassword() {
        return trustStorePassword.clone();
    }

    public String storeType() {
        return type;
    }

    @Override
    public String toString() {
        return "SipTls[key store " + (keyStore == null ? "none" : keyStore) + ", trust store " + trustStore + "]";
    }
}
