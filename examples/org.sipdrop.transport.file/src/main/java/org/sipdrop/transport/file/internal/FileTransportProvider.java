package org.sipdrop.transport.file.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * An example transport, written against SipDrop's exported API only: files travel through a
 * folder both users can read, such as an SMB or NFS share. It is a storage transport (RFC 4483
 * content indirection): the sender copies the file into the share and offers its {@code file:}
 * URL; the receiver reads it from there. {@code docs/writing-a-transport.md} explains each part.
 * <p>
 * The component starts only when Configuration Admin holds its configuration (PID {@value #PID},
 * {@link FileTransportConfig}), which names the share's root; stopping it (bundle stop,
 * configuration deleted) fails the copies in flight with {@link Reason#CANCELLED}.
 */
@Component(service = TransportProvider.class, configurationPid = FileTransportProvider.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE,
        property = { TransportProvider.SCHEME_PROPERTY + "=" + FileTransportProvider.SCHEME,
                TransportProvider.NAME_PROPERTY + "=Shared folder", "service.ranking:Integer=10" })
@Designate(ocd = FileTransportConfig.class)
public final class FileTransportProvider implements TransportProvider {

    /** Configuration PID. */
    public static final String PID = "org.sipdrop.transport.file";

    /** The one scheme served: RFC 8089 {@code file:} URLs. */
    public static final String SCHEME = "file";

    private final SharedFolder share;
    private final long maxSize;
    private final Clock clock = Clock.systemUTC();
    private final Set<FileTransportSession> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /**
     * Checks the configuration and removes what expired while no provider ran.
     *
     * @throws IOException when the folder is not set or not a directory: the component does not start
     */
    @Activate
    public FileTransportProvider(FileTransportConfig config) throws IOException {
        if (config.folder() == null || config.folder().isBlank()) {
            throw new IOException("Configuration " + PID + " needs 'folder', the shared folder's root");
        }
        if (config.max_size() <= 0) {
            throw new IOException("Configuration " + PID + ": 'max.size' must be positive, was " + config.max_size());
        }
        this.share = new SharedFolder(Path.of(config.folder()), clock);
        this.maxSize = config.max_size();
        share.sweep();
    }

    /** Fails the copies in flight; new requests are refused. */
    @Deactivate
    void deactivate() {
        stopped = true;
        open.forEach(FileTransportSession::stop);
    }

    @Override
    public String name() {
        return "Shared folder";
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    /** A {@code file:} URL travels in an RFC 4483 offer; there is no SDP for it. */
    @Override
    public Carriage carriage(String scheme) {
        return Carriage.storage();
    }

    @Override
    public TransportSession open(TransportRequest request) throws IOException {
        if (!SCHEME.equals(request.scheme().toLowerCase(Locale.ROOT))) {
            throw new TransportException(Reason.UNAVAILABLE, "The shared-folder transport does not serve scheme '" + request.scheme() + "'");
        }
        if (stopped) {
            throw new TransportException(Reason.UNAVAILABLE, "The shared-folder transport was stopped");
        }
        if (request.direction() == Direction.OUTGOING && request.offer().size() > maxSize) {
            throw new TransportException(Reason.TOO_LARGE, request.offer().name() + " has " + request.offer().size()
                    + " bytes; the shared folder takes at most " + maxSize);
        }
        FileTransportSession[] self = new FileTransportSession[1];
        FileTransportSession session = new FileTransportSession(share, request, clock, () -> open.remove(self[0]));
        self[0] = session;
        open.add(session);
        if (stopped) { // stopped while opening
            session.stop();
        }
        return session;
    }
}
