package org.sipdrop.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.server.internal.storage.StorageAuth;
import org.sipdrop.server.internal.storage.StorageServer;
import org.sipdrop.sip.SipServer;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipServerFactory;
import org.sipdrop.sip.SipTransport;

/**
 * Turns {@link ServerSettings} into a running SIP server and, if asked, its HTTP(S) storage: loads
 * the users file into a {@link UserDirectory} and {@link DigestAuth} (or open mode), finds or
 * generates the TLS key store (for SIP TLS and HTTPS alike), and starts the SIP server through the
 * {@link SipServerFactory}, then the {@link StorageServer}. Stops what it started on deactivation.
 */
@Component(service = EmbeddedServerFactory.class)
public final class EmbeddedServerFactoryImpl implements EmbeddedServerFactory {

    private final SipServerFactory sip;
    private final List<EmbeddedServer> running = new CopyOnWriteArrayList<>();
    private final AtomicLong counter = new AtomicLong();

    @Activate
    public EmbeddedServerFactoryImpl(@Reference(name = "sip") SipServerFactory sip) {
        this.sip = sip;
    }

    @Override
    public EmbeddedServer start(Map<String, String> settings) throws IOException {
        ServerSettings s = ServerSettings.fromMap(settings);
        SipServerConfig.Builder config = SipServerConfig.builder("embedded-" + counter.incrementAndGet())
                .bind(s.bindAddress().getHostAddress(), s.sipPort()).transports(transports(s.transports())).listUser(s.listUser());
        UserDirectory users = null;
        if (!s.openMode()) {
            users = UserDirectory.load(s.usersFile().orElseThrow(), s.realm());
            config.authenticator(new DigestServerAuthenticator(new DigestAuth(s.realm(), users, Clock.systemUTC(), new SecureRandom()), users));
        }
        boolean https = s.storage().flatMap(st -> st.httpsPort().isPresent() ? Optional.of(true) : Optional.empty()).isPresent();
        boolean tls = s.transports().contains(ServerSettings.Transport.TLS) || https;
        SelfSignedKeyStore generated = null;
        Path keyStore = null;
        char[] password = null;
        if (tls) {
            if (s.tlsKeyStore().isPresent()) {
                if (!Files.isReadable(s.tlsKeyStore().get())) {
                    throw new IOException("Cannot read the TLS key store " + s.tlsKeyStore().get());
                }
                keyStore = s.tlsKeyStore().get();
                password = s.tlsPassword();
            } else {
                String host = s.bindAddress().isAnyLocalAddress() ? "127.0.0.1" : s.bindAddress().getHostAddress();
                generated = SelfSignedKeyStore.generate(host);
                keyStore = generated.file();
                password = generated.password();
            }
            if (s.transports().contains(ServerSettings.Transport.TLS)) {
                config.keyStore(keyStore, password);
            }
        }
        SipServer server = null;
        StorageServer storage = null;
        try {
            X509Certificate certificate = tls ? certificate(keyStore, password) : null;
            server = sip.start(config.build());
            if (s.storage().isPresent()) {
                StorageAuth auth = users == null ? StorageAuth.open(s.realm())
                        : new StorageAuth(users, s.realm(), new DigestAuth(s.realm(), users, Clock.systemUTC(), new SecureRandom()));
                storage = StorageServer.start(s.storage().get(), s.bindAddress(), auth, keyStore, password, Clock.systemUTC());
            }
            RunningServer r = new RunningServer(server, s, generated, storage, certificate, running::remove);
            running.add(r);
            return r;
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (generated != null) {
                generated.delete();
            }
            throw e;
        }
    }

    /** @return the certificate of the first key entry of the key store */
    private static X509Certificate certificate(Path keyStore, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate c) {
                    return c;
                }
            }
            throw new IOException("The TLS key store " + keyStore + " holds no private key with a certificate");
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot read the TLS key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static Set<SipTransport> transports(Set<ServerSettings.Transport> in) {
        Set<SipTransport> out = EnumSet.noneOf(SipTransport.class);
        in.forEach(t -> out.add(SipTransport.valueOf(t.name())));
        return out;
    }

    @Override
    public List<EmbeddedServer> running() {
        return List.copyOf(running);
    }

    @Deactivate
    void deactivate() {
        for (EmbeddedServer s : List.copyOf(running)) {
            s.close();
        }
    }
}
