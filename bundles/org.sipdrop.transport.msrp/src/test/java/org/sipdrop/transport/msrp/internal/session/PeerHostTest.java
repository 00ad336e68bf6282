package org.sipdrop.transport.msrp.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.transport.msrp.internal.codec.MsrpUri;

/** Which addresses may carry a direct request for a session (RFC 4975 §5.4, §14.1). */
class PeerHostTest {

    private static final Optional<InetAddress> OTHER = address("198.51.100.9");

    @Test
    void aConnectionFromAnotherAddressThanThePeersUriNamesIsRefused() {
        assertEquals(OTHER, PeerHost.refused(List.of(uri("192.0.2.7")), OTHER));
    }

    @Test
    void aConnectionFromTheAddressThePeersUriNamesIsTaken() {
        assertTrue(PeerHost.refused(List.of(uri("192.0.2.7")), address("192.0.2.7")).isEmpty());
        assertTrue(PeerHost.refused(List.of(uri("[2001:db8::7]")), address("2001:db8:0:0:0:0:0:7")).isEmpty());
    }

    @Test
    void namesLoopbackAndRelayedPathsAreNotChecked() {
        assertTrue(PeerHost.refused(List.of(uri("peer.example.org")), OTHER).isEmpty(), "names are not resolved");
        assertTrue(PeerHost.refused(List.of(uri("127.0.0.1")), OTHER).isEmpty(), "one host");
        assertTrue(PeerHost.refused(List.of(uri("0.0.0.0")), OTHER).isEmpty(), "wildcard");
        assertTrue(PeerHost.refused(List.of(uri("203.0.113.1"), uri("192.0.2.7")), OTHER).isEmpty(), "through a relay");
        assertTrue(PeerHost.refused(List.of(uri("192.0.2.7")), Optional.empty()).isEmpty(), "address unknown");
    }

    private static MsrpUri uri(String host) {
        return MsrpUri.parse("msrp://" + host + ":2855/sess1234;tcp");
    }

    private static Optional<InetAddress> address(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
