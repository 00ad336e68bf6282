package org.sipdrop.ui.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.sip.SipTransport;

class SipUrisTest {

    @Test
    void hostIgnoresUserPortAndParameters() {
        assertEquals("example.com", SipUris.host("sip:alice@example.com:5070;transport=tcp"));
        assertEquals("127.0.0.1", SipUris.host("sip:127.0.0.1;transport=udp"));
        assertEquals("::1", SipUris.host("sips:[::1]:5061"));
    }

    @Test
    void picksTheUriOfTheAccountsTransport() {
        List<String> uris = List.of("sip:127.0.0.1:5060;transport=udp", "sip:127.0.0.1:5060;transport=tcp");
        assertEquals(Optional.of("sip:127.0.0.1:5060;transport=tcp"), SipUris.forTransport(uris, SipTransport.TCP));
        assertEquals(Optional.empty(), SipUris.forTransport(uris, SipTransport.TLS));
    }

    @Test
    void reachesALoopbackHostFromLoopback() throws Exception {
        assertEquals("127.0.0.1", SipUris.localAddressTowards("127.0.0.1"));
    }
}
