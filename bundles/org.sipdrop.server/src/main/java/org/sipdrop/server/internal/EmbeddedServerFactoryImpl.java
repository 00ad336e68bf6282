package org.sipdrop.server.internal;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipServer;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipServerFactory;
import org.sipdrop.sip.SipTransport;

/**
 * Turns {@link ServerSettings} into a running SIP server: loads the users file into a
 * {@link UserDirectory} and {@link DigestAuth} (or open mode), finds or generates the TLS key
 * store, and starts it through the {@link SipServerFactory}. Stops what it started on deactivation.
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
        if (!s.openMode()) {
            UserDirectory users = UserDirectory.load(s.usersFile().orElseThrow(), s.realm());
            config.authenticator(new DigestServerAuthenticator(new DigestAuth(s.realm(), users, Clock.systemUTC(), new SecureRandom()), users));
        }
        SelfSignedKeyStore generated = null;
        if (s.transports().contains(ServerSettings.Transport.TLS)) {
            if (s.tlsKeyStore().isPresent()) {
                if (!java.nio.file.Files.isReadable(s.tlsKeyStore().get())) {
                    throw new IOException("Cannot read the TLS key store " + s.tlsKeyStore().get());
                }
                config.keyStore(s.tlsKeyStore().get(), s.tlsPassword());
            } else {
                String host = s.bindAddress().isAnyLocalAddress() ? "127.0.0.1" : s.bindAddress().getHostAddress();
                generated = SelfSignedKeyStore.generate(host);
                config.keyStore(generated.file(), generated.password());
            }
        }
        SipServer server;
        try {
            server = sip.start(config.build());
        } catch (IOException | RuntimeException e) {
            if (generated != null) {
                generated.delete();
            }
            throw e;
        }
        RunningServer r = new RunningServer(server, s, generated, running::remove);
        running.add(r);
        return r;
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
