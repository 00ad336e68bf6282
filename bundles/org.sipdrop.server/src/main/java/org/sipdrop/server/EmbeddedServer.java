package org.sipdrop.server;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running embedded server: SIP registrar, stateful proxy, presence agent and URI-list service
 * for one domain, and optionally an HTTP(S) storage for content indirection (RFC 4483). Closing it
 * stops it and frees its ports; a self-signed key store generated for it is deleted, and so is a
 * temporary storage directory.
 * <p>
 * The storage: a file {@code NAME} (1..255 of {@code A-Z a-z 0-9 . _ ~ -}, not starting with a dot;
 * an unguessable name is the uploader's job) lives at {@code BASE + NAME} for each base of
 * {@link #storageUris()}. {@code PUT} needs {@code Content-Length} and the credentials of the
 * server's users (Digest; Basic only over HTTPS or from loopback; none in open mode), may carry
 * {@value #STORAGE_EXPIRES_IN_HEADER}, and answers 201 with {@code Expires}; 413 when the quota is
 * exceeded, before any body byte is read. {@code GET}/{@code HEAD} need only the URL and honour
 * {@code Range}; after expiry they answer 410. {@code DELETE} by the uploader. Nothing is listed.
 */
@ProviderType
public interface EmbeddedServer extends AutoCloseable {

    /**
     * Request header of a storage PUT: the file's lifetime in seconds, bounded by the server's
     * {@code storage.max.expiry} (also the default); the 201 answer's {@code Expires} tells the
     * expiry granted.
     */
    String STORAGE_EXPIRES_IN_HEADER = "SipDrop-Expires-In";

    /** @return one URI per transport, e.g. {@code sip:127.0.0.1:5060;transport=udp}, in UDP, TCP, TLS order */
    List<String> uris();

    /** @return whether anyone may register any name (no users file) */
    boolean openMode();

    /** @return the digest realm (meaningful when not in open mode) */
    String realm();

    /** @return the URI of the URI-list service (RFC 5365), e.g. {@code sip:list@127.0.0.1} */
    String listUri();

    /** @return what the operator should know: exposure beyond loopback, open mode, a self-signed certificate */
    List<String> warnings();

    /**
     * @return the storage's base URLs, HTTP first then HTTPS, each ending in {@code /}, e.g.
     *         {@code http://127.0.0.1:5080/storage/}; empty when this server runs no storage
     */
    default List<String> storageUris() {
        return List.of();
    }

    /**
     * @return the certificate the server presents on SIP TLS and HTTPS (generated self-signed, or
     *         from the configured key store), so clients can trust it explicitly; empty without TLS
     */
    default Optional<X509Certificate> tlsCertificate() {
        return Optional.empty();
    }

    /** @return true until {@link #close()} */
    boolean isRunning();

    /** Stops the server; idempotent. */
    @Override
    void close();
}
