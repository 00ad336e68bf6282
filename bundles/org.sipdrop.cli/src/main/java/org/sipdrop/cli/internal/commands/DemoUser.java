package org.sipdrop.cli.internal.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.FileTransferAgentFactory;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Transfer;

/**
 * One user of the demo: a SIP endpoint on 127.0.0.1 over TCP, registered at the demo server
 * (RFC 3261 §10), and a file-transfer agent receiving into its own download folder. Closing it
 * closes the agent and the endpoint.
 */
final class DemoUser implements AutoCloseable {

    private final String name;
    private final SipEndpoint endpoint;
    private final SipUserAgent ua;
    private final FileTransferAgent agent;
    private final Path folder;

    private final BlockingQueue<Transfer> incoming = new LinkedBlockingQueue<>();

    private DemoUser(String name, SipEndpoint endpoint, SipUserAgent ua, FileTransferAgent agent, Path folder) {
        this.name = name;
        this.endpoint = endpoint;
        this.ua = ua;
        this.agent = agent;
        this.folder = folder;
        agent.onIncoming(incoming::add);
    }

    /**
     * Opens the endpoint, registers {@code sip:NAME@127.0.0.1} at {@code registrar} and attaches an agent.
     *
     * @param registered told the registrar's answer
     * @throws CommandFailure when the endpoint cannot open or the registrar refuses
     */
    static DemoUser register(String name, String registrar, Path folder, AcceptancePolicy policy, SipEndpointFactory sip,
            FileTransferAgentFactory agents, java.util.function.Consumer<SipResponse> registered) throws CommandFailure {
        SipEndpoint ep;
        try {
            ep = sip.open(SipEndpointConfig.of("demo-" + name, "127.0.0.1", 0, Set.of(SipTransport.TCP)));
        } catch (IOException e) {
            throw new CommandFailure("cannot open a SIP endpoint for " + name + ": " + e.getMessage());
        }
        try {
            SipUserAgent ua = ep.userAgent(SipAccount.builder("sip:" + name + "@127.0.0.1").registrar(registrar)
                    .transport(SipTransport.TCP).build());
            SipResponse r = ua.register().get(15, TimeUnit.SECONDS);
            registered.accept(r);
            if (!r.isSuccess()) {
                throw new CommandFailure("the demo server refused to register " + name + ": " + r);
            }
            return new DemoUser(name, ep, ua, agents.create(ua, AgentSettings.of(folder, policy)), folder);
        } catch (CommandFailure e) {
            ep.close();
            throw e;
        } catch (Exception e) {
            ep.close();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CommandFailure("registering " + name + " failed: " + e);
        }
    }

    String name() {
        return name;
    }

    String aor() {
        return ua.account().aor();
    }

    /** @return the next transfer this user accepted, waiting at most {@code timeout}; null if none came */
    Transfer nextIncoming(Duration timeout) throws InterruptedException {
        return incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    FileTransferAgent agent() {
        return agent;
    }

    Path folder() {
        return folder;
    }

    @Override
    public void close() {
        agent.close();
        endpoint.close();
    }
}
