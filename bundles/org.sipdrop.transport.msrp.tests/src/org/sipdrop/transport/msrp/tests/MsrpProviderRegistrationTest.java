package org.sipdrop.transport.msrp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.TransportProvider;

/** The provider is a whiteboard service for both MSRP schemes (RFC 4975 §6). */
class MsrpProviderRegistrationTest {

    private final MsrpProviderFixture fixture = new MsrpProviderFixture();

    @BeforeEach
    void open() throws Exception {
        fixture.open();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void registeredForMsrpAndMsrpsWithItsName() throws Exception {
        TransportProvider p = fixture.provider();
        assertNotNull(p, "Felix SCR did not register the MSRP TransportProvider");
        assertEquals(Set.of("msrp", "msrps"), p.schemes());
        assertEquals("MSRP", p.name());
    }
}
