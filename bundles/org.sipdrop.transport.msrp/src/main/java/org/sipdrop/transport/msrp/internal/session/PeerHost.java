package org.sipdrop.transport.msrp.internal.session;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/**
 * The peer host check. RFC 4975 §5.4 has the passive side infer who connected from the session
 * description; when that names the peer's own host as an IP address and no relay is in between,
 * a direct connection from any other address is not the peer's: it comes from someone who
 * learnt the session's URIs (§14.1). Not checked: a name (it is not resolved, least of all on an
 * I/O thread), a loopback or wildcard address (one host; a test or a local peer), a path through
 * relays (the relay's connection is authenticated, RFC 4976). A peer behind NAT that advertises
 * its private address without a relay fails the check, which is why it can be turned off
 * ({@link StackConfig#checkPeerHost()}).
 */
final class PeerHost {

    private PeerHost() {
    }

    /**
     * @param remotePath the peer's SDP path, its own URI last
     * @param from the address a direct request came from, if known
     * @return {@code from} when it is to be refused, else empty
     */
    static Optional<InetAddress> refused(List<MsrpUri> remotePath, Optional<InetAddress> from) {
        if (remotePath.size() != 1 || from.isEmpty()) {
            return Optional.empty();
        }
        Optional<InetAddress> named = remotePath.get(0).ipLiteral();
        if (named.isEmpty() || named.get().isLoopbackAddress() || named.get().isAnyLocalAddress()
                || named.get().equals(from.get())) {
            return Optional.empty();
        }
        return from;
    }
}
