package org.sipdrop.cli.internal.commands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.session.SessionConfig;
import org.sipdrop.session.SessionException;
import org.sipdrop.session.UserSession;
import org.sipdrop.session.UserSessionFactory;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Transfer;

/**
 * One user of the demo: a SIP endpoint on 127.0.0.1 over TCP, registered at the demo server
 * (RFC 3261 §10), and a file-transfer agent receiving into its own download folder: one user
 * session. Closing it signs the user out.
 */
final class DemoUser implements AutoCloseable {

    private final String name;
    private final UserSession session;
    private final Path folder;

    private final BlockingQueue<Transfer> incoming = new LinkedBlockingQueue<>();

    private DemoUser(String name, UserSession session, Path folder) {
        this.name = name;
        this.session = session;
        this.folder = folder;
        session.agent().onIncoming(incoming::add);
    }

    /**
     * Signs {@code sip:NAME@127.0.0.1} in at {@code registrar} with an agent receiving into {@code folder}.
     *
     * @param registered told the registrar's answer
     * @throws CommandFailure when the endpoint cannot open or the registrar refuses
     */
    static DemoUser register(String name, String registrar, Path folder, AcceptancePolicy policy, UserSessionFactory sessions,
            java.util.function.Consumer<SipResponse> registered) throws CommandFailure {
        SipAccount account = SipAccount.builder("sip:" + name + "@127.0.0.1").registrar(registrar)
                .transport(SipTransport.TCP).build();
        SessionConfig config = SessionConfig.of(SipEndpointConfig.of("demo-" + name, "127.0.0.1", 0, Set.of(SipTransport.TCP)),
                account, AgentSettings.of(folder, policy));
        try {
            UserSession session = sessions.open(config);
            registered.accept(session.registration());
            return new DemoUser(name, session, folder);
        } catch (SessionException e) {
            e.response().ifPresent(registered);
            throw new CommandFailure("the demo server did not register " + name + ": " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    String aor() {
        return session.self();
    }

    /** @return the next transfer this user accepted, waiting at most {@code timeout}; null if none came */
    Transfer nextIncoming(Duration timeout) throws InterruptedException {
        return incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    FileTransferAgent agent() {
        return session.agent();
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() {
        session.close();
    }
}
