package org.sipdrop.ui.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;

class SessionSettingsTest {

    private static SessionSettings settings(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return SessionSettings.of(k -> m.getOrDefault(k, ""));
    }

    @Test
    void firstRunUsesTheEmbeddedServerWithALocalAccountNamedAfterTheUser() {
        SessionSettings s = settings();
        assertTrue(s.embedded());
        String expected = "sip:" + SessionSettings.localUser(System.getProperty("user.name", "")) + "@127.0.0.1";
        assertEquals(Optional.of(expected), s.address());
        assertEquals(SipTransport.TCP, s.transport());
        assertEquals("ask", s.acceptMode());
        assertEquals(PresenceStatus.AVAILABLE, s.ownStatus());
    }

    @Test
    void localUserKeepsOnlyCharactersAUserPartNeedsNoEscapingFor() {
        assertEquals("jeanluc.o-b_2", SessionSettings.localUser("Jean Luc.O-B_2"));
        assertEquals("t", SessionSettings.localUser("été"));
        assertEquals("me", SessionSettings.localUser("é"));
        assertEquals("me", SessionSettings.localUser(""));
    }

    @Test
    void withoutTheEmbeddedServerThereIsNoAddressUntilOneIsSet() {
        assertEquals(Optional.empty(), settings(PreferenceKeys.EMBEDDED, "false").address());
        assertEquals(Optional.of("sip:alice@example.com"),
                settings(PreferenceKeys.EMBEDDED, "false", PreferenceKeys.ACCOUNT_ADDRESS, "alice@example.com").address());
    }

    @Test
    void malformedPortIsRefusedWithTheRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> settings(PreferenceKeys.EMBEDDED_PORT, "70000").embeddedPort());
        assertTrue(e.getMessage().contains("0..65535"), e.getMessage());
        assertEquals(0, settings(PreferenceKeys.EMBEDDED_PORT, "0").embeddedPort());
    }

    @Test
    void listsAreTrimmedLowerCasedAndSkipEmptyItems() {
        SessionSettings s = settings(PreferenceKeys.ACCEPT_TYPES, " Image/*, ,text/plain ", PreferenceKeys.TRANSPORT_ORDER, "HTTPS,msrp");
        assertEquals(List.of("image/*", "text/plain"), s.acceptTypes());
        assertEquals(List.of("https", "msrp"), s.transportOrder());
    }

    @Test
    void unknownStoredStatusFallsBackToAvailable() {
        assertEquals(PresenceStatus.BUSY, settings(PreferenceKeys.OWN_STATUS, "busy").ownStatus());
        assertEquals(PresenceStatus.AVAILABLE, settings(PreferenceKeys.OWN_STATUS, "sleepy").ownStatus());
        assertFalse(settings(PreferenceKeys.OWN_NOTE, "  ").ownNote().isPresent());
    }
}
