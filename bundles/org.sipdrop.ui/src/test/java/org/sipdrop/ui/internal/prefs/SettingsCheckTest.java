package org.sipdrop.ui.internal.prefs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SettingsCheckTest {

    @Test
    void acceptsAnAccountWithRegistrarAndProxy() {
        assertDoesNotThrow(() -> SettingsCheck.account("alice@example.com", "sip:example.com:5060", "sip:proxy.example.com", "tls"));
        assertDoesNotThrow(() -> SettingsCheck.account("", "", "", "tcp"));
    }

    @Test
    void refusesARegistrarThatIsNotASipUri() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SettingsCheck.account("sip:alice@example.com", "example.com:5060", "", "udp"));
        assertTrue(e.getMessage().contains("sip:127.0.0.1:5060"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SettingsCheck.account("sip:alice", "", "", "udp"));
    }

    @Test
    void refusesPortsOutsideTheRangeAndStorageThatIsNotHttp() {
        assertThrows(IllegalArgumentException.class, () -> SettingsCheck.port("-1"));
        assertThrows(IllegalArgumentException.class, () -> SettingsCheck.port("fifty"));
        assertDoesNotThrow(() -> SettingsCheck.port("0"));
        assertThrows(IllegalArgumentException.class, () -> SettingsCheck.storageUrl("ftp://dav.example.com/"));
        assertThrows(IllegalArgumentException.class, () -> SettingsCheck.storageUrl("dav.example.com/drop"));
        assertDoesNotThrow(() -> SettingsCheck.storageUrl("https://dav.example.com/drop/"));
        assertDoesNotThrow(() -> SettingsCheck.storageUrl(""));
    }

    @Test
    void transportOrderKeepsTheStoredOrderAndAppendsNewlyInstalledSchemes() {
        assertEquals(List.of("msrp", "https", "http", "mqtt"),
                TransportOrderField.merge("msrp, HTTPS ,,http", Set.of("mqtt", "msrp")));
    }
}
