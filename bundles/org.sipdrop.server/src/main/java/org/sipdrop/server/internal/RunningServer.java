package org.sipdrop.server.internal;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.internal.storage.StorageServer;
import org.sipdrop.sip.SipServer;

/** An {@link EmbeddedServer} over one {@link SipServer} and its storage, owning its generated key store if any. */
final class RunningServer implements EmbeddedServer {

    private final SipServer sip;
    private final ServerSettings settings;
    private final SelfSignedKeyStore generated;
    private final StorageServer storage;
    private final X509Certificate certificate;
    private final Consumer<RunningServer> onClose;
    private volatile boolean running = true;

    /**
     * @param storage {@code null} without storage
     * @param certificate {@code null} without TLS
     */
    RunningServer(SipServer sip, ServerSettings settings, SelfSignedKeyStore generated, StorageServer storage, X509Certificate certificate,
            Consumer<RunningServer> onClose) {
        this.sip = sip;
        this.settings = settings;
        this.generated = generated;
        this.storage = storage;
        this.certificate = certificate;
        this.onClose = onClose;
    }

    @Override
    public List<String> storageUris() {
        return storage == null ? List.of() : storage.baseUris();
    }

    @Override
    public Optional<X509Certificate> tlsCertificate() {
        return Optional.ofNullable(certificate);
    }

    @Override
    public List<String> uris() {
        return sip.uris();
    }

    @Override
    public boolean openMode() {
        return settings.openMode();
    }

    @Override
    public String realm() {
        return settings.realm();
    }

    @Override
    public String listUri() {
        String first = sip.uris().get(0);
        String hostPort = first.substring("sip:".length(), first.indexOf(';'));
        return "sip:" + settings.listUser() + "@" + hostPort;
    }

    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>(settings.warnings());
        if (generated != null) {
            out.add("TLS uses a self-signed certificate made at start; clients must trust it explicitly (set tls.keystore for a real one).");
        }
        if (storage != null && settings.storageDir().isEmpty()) {
            out.add("The storage keeps files in a temporary directory deleted when the server stops; set storage.dir to keep them.");
        }
        return out;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        if (storage != null) {
            storage.close();
        }
        sip.close();
        if (generated != null) {
            generated.delete();
        }
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "EmbeddedServer" + sip.uris() + storageUris() + (openMode() ? " (open mode)" : " (realm " + realm() + ")");
    }
}
