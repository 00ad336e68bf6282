package org.sipdrop.ui.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.FileTransferAgentFactory;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.presence.PresenceClientFactory;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.Decision;

/**
 * A second SipDrop user inside the test: its own SIP endpoint on 127.0.0.1 over TCP, registered
 * at the workbench's server, with presence and a transfer agent that accepts everything into a
 * temporary folder. Closing it removes its publication and stops its stack.
 */
final class HeadlessPeer implements AutoCloseable {

    private final SipEndpoint endpoint;
    private final SipUserAgent ua;
    private final PresenceClient presence;
    private final FileTransferAgent agent;
    private final Path folder;

    private HeadlessPeer(SipEndpoint endpoint, SipUserAgent ua, PresenceClient presence, FileTransferAgent agent, Path folder) {
        this.endpoint = endpoint;
        this.ua = ua;
        this.presence = presence;
        this.agent = agent;
        this.folder = folder;
    }

    /** Registers {@code sip:USER@127.0.0.1} at {@code registrar} (a URI with {@code transport=tcp}). */
    static HeadlessPeer register(String user, String registrar) throws Exception {
        SipEndpoint ep = TestServices.await(SipEndpointFactory.class)
                .open(SipEndpointConfig.of("test-" + user, "127.0.0.1", 0, Set.of(SipTransport.TCP)));
        try {
            SipUserAgent ua = ep.userAgent(SipAccount.builder("sip:" + user + "@127.0.0.1").registrar(registrar)
                    .transport(SipTransport.TCP).build());
            SipResponse r = ua.register().get(15, TimeUnit.SECONDS);
            if (!r.isSuccess()) {
                throw new AssertionError("the workbench's server refused to register " + user + ": " + r.status() + " " + r.reason());
            }
            Path folder = Files.createTempDirectory("sipdrop-peer-" + user);
            FileTransferAgent agent = TestServices.await(FileTransferAgentFactory.class).create(ua,
                    AgentSettings.of(folder, (sender, offer) -> Decision.accept()));
            PresenceClient presence = TestServices.await(PresenceClientFactory.class).create(ua);
            return new HeadlessPeer(ep, ua, presence, agent, folder);
        } catch (Exception | AssertionError e) {
            ep.close();
            throw e;
        }
    }

    String aor() {
        return ua.account().aor();
    }

    SipUserAgent userAgent() {
        return ua;
    }

    Path folder() {
        return folder;
    }

    /** @return this user's transfer agent, to send to the workbench user */
    FileTransferAgent agent() {
        return agent;
    }

    /** Publishes a status and waits for the server's answer. */
    void publish(PresenceStatus status, String note) throws Exception {
        SipResponse r = presence.publish(status, note).get(15, TimeUnit.SECONDS);
        if (!r.isSuccess()) {
            throw new AssertionError("PUBLISH refused: " + r.status() + " " + r.reason());
        }
    }

    /** Offers files to {@code to}; the transfers move on by themselves. */
    java.util.List<org.sipdrop.transfer.Transfer> send(String to, Path... files) throws java.io.IOException {
        return agent.send(to, java.util.List.of(files), org.sipdrop.negotiation.SendOptions.defaults());
    }

    /** Subscribes to someone's presence (RFC 3856). */
    void watch(String aor) throws Exception {
        SipResponse r = presence.watch(aor).get(15, TimeUnit.SECONDS);
        if (!r.isSuccess()) {
            throw new AssertionError("SUBSCRIBE refused: " + r.status() + " " + r.reason());
        }
    }

    /** @return the latest presence seen of a watched address */
    java.util.Optional<org.sipdrop.presence.Presence> presenceOf(String aor) {
        return java.util.Optional.ofNullable(presence.contacts().get(aor));
    }

    @Override
    public void close() {
        presence.close();
        agent.close();
        ua.close();
        endpoint.close();
    }
}
