package org.sipdrop.server;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Starts embedded servers; the service stops those still running when it goes away. */
@ProviderType
public interface EmbeddedServerFactory {

    /** Setting: IP address literal, {@code localhost} or {@code *}; default {@code 127.0.0.1}. */
    String BIND = "bind";
    /** Setting: UDP/TCP port, 0 for a free one; default 5060 (TLS: this + 1). */
    String SIP_PORT = "sip.port";
    /** Setting: comma-separated {@code udp}, {@code tcp}, {@code tls}; default {@code udp,tcp}. */
    String TRANSPORTS = "transports";
    /** Setting: users file, lines {@code user:password} or {@code user:realm:HA1}; absent: open mode on loopback. */
    String USERS = "users";
    /** Setting: {@code true} lets anyone register (required beyond loopback without users). */
    String OPEN = "open";
    /** Setting: the digest realm; default {@code sipdrop}. */
    String REALM = "realm";
    /** Setting: TLS key store file; absent with {@code tls}: a self-signed certificate is generated. */
    String TLS_KEYSTORE = "tls.keystore";
    /** Setting: the key store password. */
    String TLS_PASSWORD = "tls.password";
    /** Setting: user part of the URI-list service; default {@code list}. */
    String LIST_USER = "list.user";
    /** Setting: port of the HTTP storage, 0 for a free one; any storage setting turns the storage on. */
    String HTTP_PORT = "http.port";
    /** Setting: port of the HTTPS storage (0 for a free one), with the TLS key store; absent: no HTTPS. */
    String HTTPS_PORT = "https.port";
    /** Setting: directory of the storage; absent: a temporary directory deleted when the server stops. */
    String STORAGE_DIR = "storage.dir";
    /** Setting: total bytes the storage may hold, e.g. {@code 1073741824} or {@code 1G}; default 10G. */
    String STORAGE_QUOTA = "storage.quota";
    /** Setting: the longest a stored file lives, in seconds; default 604800 (7 days). */
    String STORAGE_MAX_EXPIRY = "storage.max.expiry";

    /** The DS configuration PID whose properties (same keys) start a server without code. */
    String PID = "org.sipdrop.server";

    /**
     * Starts a server.
     *
     * @param settings keys above; unknown keys are refused
     * @throws IllegalArgumentException a setting is wrong; the message names it
     * @throws IOException a port cannot be bound, the users file or key store cannot be read
     */
    EmbeddedServer start(Map<String, String> settings) throws IOException;

    /** @return the servers started by this factory and not yet closed */
    List<EmbeddedServer> running();
}
