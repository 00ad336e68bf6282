package org.sipdrop.negotiation.internal.engine;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.internal.sdp.SetupRole;
import org.sipdrop.transfer.ConnectionRole;
import org.sipdrop.transfer.TransportEndpoint;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.internal.sdp.LocalEndpoint;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.TransferService;

/**
 * What the sending and receiving halves of one agent share: the services, the user agent, the
 * settings, the agent's thread pool and its unguessable-id source.
 */
record AgentContext(TransferService service, ReceivedFileStore store, SipUserAgent userAgent, AgentSettings settings,
        ExecutorService executor, SecureRandom random, java.util.function.Consumer<TransferControl> register) {

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /** RFC 5547 §8.1: a file-transfer-id unique and hard to guess; 32 characters as in its §10 examples. */
    /** @return a new transfer's state machine, from the transfer service (the one owner of transfers) */
    TransferControl newTransfer(String id, org.sipdrop.transfer.FileOffer offer, String peer,
            org.sipdrop.transfer.Direction direction, java.nio.file.Path file, Runnable onCancel) {
        return service.newTransfer(id, offer, peer, direction, file, onCancel);
    }

    String newId() {
        StringBuilder b = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            b.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }

    /** Makes a new transfer known to the agent and to the TransferService. */
    void track(TransferControl transfer) {
        register.accept(transfer);
        service.track(transfer);
    }

    /** @return the o=/c= description of this side, from the last URI of a transport session's path */
    LocalEndpoint endpointFor(List<String> path, String proto) {
        URI own = URI.create(path.get(path.size() - 1));
        String user = userAgent.account().user();
        String host = own.getHost() == null ? userAgentHost() : own.getHost().replace("[", "").replace("]", "");
        return LocalEndpoint.of(user == null || user.isEmpty() ? "-" : user, host,
                own.getPort() > 0 ? own.getPort() : 9, proto);
    }

    /** @return the host of this agent's Contact, for an endpoint URI without one */
    private String userAgentHost() {
        return FileTransferCapability.host(userAgent.contact());
    }

    /** @return the SDP proto that carries {@code scheme}; MSRP's when no provider says (it stopped) */
    String protoOf(String scheme) {
        return Transports.protoOf(service, scheme).orElse("msrps".equalsIgnoreCase(scheme)
                ? org.sipdrop.negotiation.internal.sdp.MediaDescription.PROTO_MSRP_TLS
                : org.sipdrop.negotiation.internal.sdp.MediaDescription.PROTO_MSRP);
    }

    static List<String> strings(TransportEndpoint endpoint) {
        List<String> s = new ArrayList<>(endpoint.path().size());
        endpoint.path().forEach(u -> s.add(u.toString()));
        return s;
    }

    static TransportEndpoint endpoint(List<String> path) {
        List<URI> u = new ArrayList<>(path.size());
        path.forEach(p -> u.add(URI.create(p)));
        return TransportEndpoint.via(u);
    }

    /** @return the transfer API's connection role for an SDP a=setup value */
    static ConnectionRole role(SetupRole setup) {
        return ConnectionRole.ofSdp(setup.value());
    }
}
