package org.sipdrop.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipTransport;

/** The shared client flags: which transport a user gets when none is named. */
class ClientOptionsTest {

    private static ClientOptions parse(String... args) throws UsageException {
        return ClientOptions.from(Options.parse(List.of(args), Set.of(), ClientOptions.VALUED), "test");
    }

    @Test
    void tcpByDefaultSinceFileOffersOutgrowUdp() throws Exception {
        ClientOptions o = parse("--user", "alice");
        assertEquals(SipTransport.TCP, o.account().transport());
        assertEquals(Set.of(SipTransport.TCP), o.endpoint().transports());
    }

    @Test
    void udpWhenAskedFor() throws Exception {
        assertEquals(SipTransport.UDP, parse("--user", "alice", "--transport", "udp").account().transport());
    }
}
