package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.FileTransferAgentFactory;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;

/** Users with file-transfer agents from the DS services, in this runtime; all closed by {@link #close()}. */
final class Peers implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    /** One user: SIP agent, file-transfer agent, download folder. */
    record Peer(SipUserAgent ua, FileTransferAgent agent, Path folder) {
        String uri() {
            return ua.contact();
        }
    }

    private final BundleContext context = FrameworkUtil.getBundle(Peers.class).getBundleContext();
    private final List<ServiceTracker<?, ?>> trackers = new CopyOnWriteArrayList<>();
    private final List<SipEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final List<FileTransferAgent> agents = new CopyOnWriteArrayList<>();
    final SipEndpointFactory sip;
    final FileTransferAgentFactory factory;
    final TransferService transfers;

    Peers() throws InterruptedException {
        sip = service(SipEndpointFactory.class);
        factory = service(FileTransferAgentFactory.class);
        transfers = service(TransferService.class);
    }

    <S> S service(Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> t = new ServiceTracker<>(context, type, null);
        t.open();
        trackers.add(t);
        S s = t.waitForService(Duration.ofSeconds(15).toMillis());
        assertNotNull(s, type.getSimpleName() + " is a DS service");
        return s;
    }

    /** @return the real MSRP provider (the one named MSRP) */
    TransportProvider msrp() throws Exception {
        ServiceTracker<TransportProvider, TransportProvider> t = new ServiceTracker<>(context,
                context.createFilter("(&(objectClass=" + TransportProvider.class.getName() + ")("
                        + TransportProvider.NAME_PROPERTY + "=MSRP))"), null);
        t.open();
        trackers.add(t);
        TransportProvider p = t.waitForService(Duration.ofSeconds(15).toMillis());
        assertNotNull(p, "the MSRP transport is registered");
        return p;
    }

    BundleContext context() {
        return context;
    }

    /** A user talking straight to the other users' contacts (no registrar), SIP over TCP. */
    Peer direct(String user, String accept, String maxSize, Path folder) throws IOException {
        return direct(user, settings(accept, maxSize, folder));
    }

    /** As {@link #direct(String, String, String, Path)}, with the agent's settings given whole. */
    Peer direct(String user, AgentSettings settings) throws IOException {
        SipEndpoint ep = sip.open(SipEndpointConfig.of(user, "127.0.0.1", 0, Set.of(SipTransport.TCP)));
        endpoints.add(ep);
        SipUserAgent ua = ep.userAgent(SipAccount.builder("sip:" + user + "@127.0.0.1").transport(SipTransport.TCP).build());
        return attach(ua, settings);
    }

    /**
     * A user registered (over TCP) at {@code registrar} as {@code aor}, with a file-transfer agent;
     * offers, answers and delivery notifications then go through that server.
     *
     * @param password null for an open server
     */
    Peer registered(String aor, String registrar, String password, AgentSettings settings) throws Exception {
        String user = aor.substring(aor.indexOf(':') + 1, aor.indexOf('@'));
        SipEndpoint ep = sip.open(SipEndpointConfig.of(user, "127.0.0.1", 0, Set.of(SipTransport.TCP)));
        track(ep);
        SipAccount.Builder account = SipAccount.builder(aor).registrar(registrar).transport(SipTransport.TCP);
        if (password != null) {
            account.password(password);
        }
        SipUserAgent ua = ep.userAgent(account.build());
        int status = ua.register().get(15, java.util.concurrent.TimeUnit.SECONDS).status();
        if (status != 200) {
            throw new AssertionError(aor + " could not register at " + registrar + ": " + status);
        }
        return attach(ua, settings);
    }

    /** @return settings receiving into {@code folder} under the policy the CLI flags would give */
    AgentSettings settings(String accept, String maxSize, Path folder) {
        return AgentSettings.of(folder, transfers.acceptancePolicy(accept, maxSize));
    }

    Peer attach(SipUserAgent ua, String accept, String maxSize, Path folder) {
        return attach(ua, settings(accept, maxSize, folder));
    }

    Peer attach(SipUserAgent ua, AgentSettings settings) {
        FileTransferAgent agent = factory.create(ua, settings);
        agents.add(agent);
        return new Peer(ua, agent, settings.downloadFolder());
    }

    void track(SipEndpoint ep) {
        endpoints.add(ep);
    }

    /** Waits (bounded) until the transfer is over, and returns its final state. */
    static TransferState end(Transfer t) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!t.state().isTerminal() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(t.state().isTerminal(), "still " + t.state() + " after " + WAIT.toSeconds() + " s: " + t);
        return t.state();
    }

    /** Waits (bounded) for the first incoming transfer of {@code peer} beyond {@code known}. */
    static Transfer incoming(Peer peer, int known) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Transfer> all = peer.agent().transfers();
            if (all.size() > known) {
                return all.get(known);
            }
            Thread.sleep(20);
        }
        throw new AssertionError(peer.ua().account().aor() + " received no offer within " + WAIT.toSeconds() + " s");
    }

    static Path randomFile(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), bytes);
    }

    static String sha1(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(Files.readAllBytes(file)));
    }

    @Override
    public void close() {
        agents.forEach(FileTransferAgent::close);
        endpoints.forEach(SipEndpoint::close);
        trackers.forEach(ServiceTracker::close);
    }
}
