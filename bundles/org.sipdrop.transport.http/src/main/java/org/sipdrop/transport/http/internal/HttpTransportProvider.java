package org.sipdrop.transport.http.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The HTTP storage transport as a whiteboard {@link TransportProvider} for {@code http} and
 * {@code https}: content indirection (RFC 4483). The sender uploads once to the configured
 * storage (a WebDAV collection such as nginx's, or SipDrop's embedded storage) under an
 * unguessable name ({@link CapabilityNames}); receivers download the URL from the offer.
 * Credentials are sent only to URLs inside the configured storage. Without a base URL the
 * provider still downloads (anonymously), but cannot upload.
 * <p>
 * Configuration PID {@value #PID} ({@link HttpTransportConfig}); no {@code @Modified}: a new
 * configuration restarts the component, which stops transfers in flight.
 */
@Component(service = TransportProvider.class, configurationPid = HttpTransportProvider.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = { TransportProvider.SCHEME_PROPERTY + "=http", TransportProvider.SCHEME_PROPERTY + "=https",
                TransportProvider.NAME_PROPERTY + "=HTTP storage", "service.ranking:Integer=50" })
@Designate(ocd = HttpTransportConfig.class)
public final class HttpTransportProvider implements TransportProvider {

    /** Configuration PID. */
    public static final String PID = "org.sipdrop.transport.http";

    private final StorageSettings storage;
    private final StorageClient client;
    private final CapabilityNames names;
    private final int resumeAttempts;
    private final HttpClient http;
    /** Sessions not yet closed: stopping the provider fails their transfers in flight. */
    private final Set<HttpTransportSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** Reads the configuration; fails (the component does not start) on a bad URL or trust store. */
    @Activate
    public HttpTransportProvider(HttpTransportConfig config) throws IOException {
        SecureRandom random = new SecureRandom();
        this.names = new CapabilityNames(random);
        char[] password = config._password().toCharArray();
        try {
            this.storage = config.base_url().isBlank() ? null
                    : new StorageSettings(URI.create(config.base_url().strip()), config.user().isBlank() ? null : config.user(),
                            password, StorageSettings.DEFAULT_EXPIRY, StorageSettings.parseSize(config.max_upload_size()));
        } catch (IllegalArgumentException e) {
            throw new IOException("HTTP storage settings: " + e.getMessage(), e);
        }
        Duration timeout = Duration.ofMillis(Math.max(1000, config.timeout_ms()));
        SSLContext tls;
        try {
            tls = TrustStores.context(config.tls_trust_store(), config.tls_trust_store_password().toCharArray());
        } catch (IOException e) {
            throw new IOException("Setting 'tls.trust.store': " + e.getMessage(), e);
        }
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(tls).build();
        Credentials credentials = storage == null ? new Credentials(null, null, null, random)
                : new Credentials(storage.baseUrl(), storage.user().orElse(null), storage.password(), random);
        java.util.Arrays.fill(password, '\0');
        this.client = new StorageClient(http, credentials, timeout);
        this.resumeAttempts = Math.max(0, config.resume_attempts());
    }

    /**
     * Fails the transfers in flight ({@link TransportException.Reason#CANCELLED}), as a stopped
     * transport must; HttpClient (Java 17) has no close(), its idle connections end with the client.
     */
    @Deactivate
    void deactivate() {
        stopped = true;
        open.forEach(HttpTransportSession::stop);
    }

    @Override
    public String name() {
        return "HTTP storage";
    }

    @Override
    public Set<String> schemes() {
        return Set.of("http", "https");
    }

    /** Both schemes travel as the URL of an RFC 4483 content-indirection offer. */
    @Override
    public Carriage carriage(String scheme) {
        return Carriage.storage();
    }

    /**
     * Outgoing: a fresh object URL in the storage, of the request's scheme. Incoming: the URL to
     * fetch comes with {@link TransportSession#receive}; the local endpoint is the storage base or
     * {@code scheme://localhost/}.
     */
    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        String scheme = request.scheme().toLowerCase(Locale.ROOT);
        if (!schemes().contains(scheme)) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "The HTTP storage transport does not serve scheme '" + request.scheme() + "'");
        }
        if (stopped) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "The HTTP storage transport was stopped");
        }
        if (request.direction() == Direction.INCOMING) {
            URI local = storage != null ? storage.baseUrl() : URI.create(scheme + "://localhost/");
            return tracked(new HttpTransportSession(client, request, local, resumeAttempts));
        }
        if (storage == null) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "no storage is configured to upload to: give a storage base URL (--storage URL)");
        }
        if (!storage.baseUrl().getScheme().equalsIgnoreCase(scheme)) {
            throw new TransportException(TransportException.Reason.UNAVAILABLE, "the storage is " + storage.baseUrl().getScheme() + "://, so files go --via "
                    + storage.baseUrl().getScheme() + ", not " + scheme);
        }
        if (request.offer().size() > storage.maxUploadSize()) {
            throw new TransportException(TransportException.Reason.TOO_LARGE, request.offer().name() + " has " + request.offer().size()
                    + " bytes, more than the largest upload configured (" + storage.maxUploadSize() + " bytes)");
        }
        URI object = CapabilityNames.objectUri(storage.baseUrl(), names.newObjectName(request.offer().name()));
        return tracked(new HttpTransportSession(client, request, object, resumeAttempts));
    }

    private HttpTransportSession tracked(HttpTransportSession session) {
        open.add(session);
        session.whenClosed(() -> open.remove(session));
        if (stopped) { // stopped while opening
            session.stop();
        }
        return session;
    }
}
