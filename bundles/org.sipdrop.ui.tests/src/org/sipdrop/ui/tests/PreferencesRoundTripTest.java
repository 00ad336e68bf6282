package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;

import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.junit.jupiter.api.Test;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.prefs.SecureStore;
import org.sipdrop.ui.internal.prefs.SipDropPreferencePage;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.session.WorkbenchSession.State;

/**
 * Window ▸ Preferences ▸ SipDrop, typed into and saved like a user would: plain settings reach
 * the preference store, the password only Eclipse Secure Storage; reopening shows them all;
 * a malformed value keeps the dialog open with the reason; OK signs in again.
 */
class PreferencesRoundTripTest {

    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime()) + "-never-plain";

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);

    @AfterEach
    void backToTheEmbeddedServer() throws Exception {
        for (String key : prefs.keys()) {
            if (!key.equals(PreferenceKeys.CONTACTS)) {
                prefs.remove(key);
            }
        }
        prefs.flush();
        SecureStore.workbench().put(PreferenceKeys.SECURE_ACCOUNT_PASSWORD, "");
        SecureStore.workbench().put(PreferenceKeys.SECURE_STORAGE_PASSWORD, "");
        Sessions.restarted(); // signed in to the embedded server again
        ConfigurationAdmin configs = TestServices.await(ConfigurationAdmin.class);
        UiWait.until(() -> storageConfiguration(configs) == null, Duration.ofSeconds(15), "no storage, no HTTP transport configuration");
    }

    @Test
    void keepsThePasswordInSecureStorageOnlyAndShowsEverythingAgain() throws Exception {
        WorkbenchSession session = Sessions.signedIn();
        PreferenceDialog dialog = open();
        SipDropPreferencePage page = (SipDropPreferencePage) dialog.getSelectedPage();
        assertTrue(page.embeddedCheckbox().getSelection(), "first run: the embedded server is on");
        Widgets.click(page.embeddedCheckbox());
        assertTrue(page.field(PreferenceKeys.SECURE_ACCOUNT_PASSWORD).isEnabled(), "a server of one's own needs a password");
        Widgets.type(page.field(PreferenceKeys.ACCOUNT_ADDRESS), "sip:carol@127.0.0.1");
        Widgets.type(page.field(PreferenceKeys.ACCOUNT_DISPLAY_NAME), "Carol C.");
        // a port nobody listens on: the sign-in after OK must fail and say where
        Widgets.type(page.field(PreferenceKeys.ACCOUNT_REGISTRAR), "sip:127.0.0.1:9;transport=tcp");
        Widgets.select(page.transportCombo(), 1);
        Widgets.type(page.field(PreferenceKeys.SECURE_ACCOUNT_PASSWORD), PASSWORD);
        Widgets.select(page.modeCombo(), 1);
        Widgets.type(page.field(PreferenceKeys.ACCEPT_MAX_SIZE), "200M");
        Widgets.type(page.field(PreferenceKeys.ACCEPT_TYPES), "image");
        Widgets.type(page.field(PreferenceKeys.STORAGE_URL), "https://dav.example.com/drop/");
        Widgets.type(page.field(PreferenceKeys.STORAGE_USER), "carol");
        Widgets.type(page.field(PreferenceKeys.SECURE_STORAGE_PASSWORD), PASSWORD + "-storage");

        Widgets.click(Widgets.okButton(dialog.getShell()));
        assertFalse(dialog.getShell() == null || dialog.getShell().isDisposed(), "a malformed type keeps the dialog open");
        assertTrue(String.valueOf(page.getErrorMessage()).contains("image"), "the page names the bad type: " + page.getErrorMessage());
        assertEquals("", prefs.get(PreferenceKeys.ACCOUNT_ADDRESS, ""), "nothing was saved yet");

        Widgets.type(page.field(PreferenceKeys.ACCEPT_TYPES), "image/*, text/plain");
        Widgets.click(Widgets.okButton(dialog.getShell()));
        assertTrue(dialog.getShell() == null || dialog.getShell().isDisposed(), "OK closes the dialog: " + page.getErrorMessage());

        assertEquals("sip:carol@127.0.0.1", prefs.get(PreferenceKeys.ACCOUNT_ADDRESS, null));
        assertEquals("Carol C.", prefs.get(PreferenceKeys.ACCOUNT_DISPLAY_NAME, null));
        assertEquals("false", prefs.get(PreferenceKeys.EMBEDDED, null));
        assertEquals("tcp", prefs.get(PreferenceKeys.ACCOUNT_TRANSPORT, null));
        assertEquals("trusted", prefs.get(PreferenceKeys.ACCEPT_MODE, null));
        assertEquals("https://dav.example.com/drop/", prefs.get(PreferenceKeys.STORAGE_URL, null));
        for (String key : prefs.keys()) {
            assertFalse(prefs.get(key, "").contains(PASSWORD), "no preference holds the password: " + key);
        }
        Path stored = Path.of(ResourcesPlugin.getWorkspace().getRoot().getLocation().toOSString(),
                ".metadata/.plugins/org.eclipse.core.runtime/.settings/org.sipdrop.ui.prefs");
        assertTrue(Files.isRegularFile(stored), "the preferences were saved to " + stored);
        assertFalse(Files.readString(stored, StandardCharsets.ISO_8859_1).contains(PASSWORD), "the preference file holds no password");

        SecureStore secure = SecureStore.workbench();
        assertEquals(PASSWORD, secure.get(PreferenceKeys.SECURE_ACCOUNT_PASSWORD).orElse(null));
        assertTrue(secure.isEncrypted(PreferenceKeys.SECURE_ACCOUNT_PASSWORD), "Secure Storage encrypts it");
        assertEquals(PASSWORD + "-storage", secure.get(PreferenceKeys.SECURE_STORAGE_PASSWORD).orElse(null));

        ConfigurationAdmin configs = TestServices.await(ConfigurationAdmin.class);
        UiWait.until(() -> storageConfiguration(configs) != null, Duration.ofSeconds(15), "the HTTP transport is configured");
        Dictionary<String, Object> http = storageConfiguration(configs);
        assertEquals("https://dav.example.com/drop/", http.get("base.url"));
        assertEquals("carol", http.get("user"));
        assertEquals(PASSWORD + "-storage", http.get(".password"), "a private property, in memory only");

        UiWait.until(() -> session.state() == State.FAILED, Duration.ofSeconds(45), "OK signs in again, with the new settings");
        assertTrue(session.failure().orElse("").contains("127.0.0.1:9"), "the failure names the registrar: " + session.failure());
        assertEquals("sip:carol@127.0.0.1", session.self());

        PreferenceDialog again = open();
        try {
            SipDropPreferencePage shown = (SipDropPreferencePage) again.getSelectedPage();
            assertFalse(shown.embeddedCheckbox().getSelection());
            assertEquals("sip:carol@127.0.0.1", shown.field(PreferenceKeys.ACCOUNT_ADDRESS).getText());
            assertEquals("image/*, text/plain", shown.field(PreferenceKeys.ACCEPT_TYPES).getText());
            assertEquals(PASSWORD, shown.field(PreferenceKeys.SECURE_ACCOUNT_PASSWORD).getText(), "the password comes back from Secure Storage");
            assertEquals(1, shown.modeCombo().getSelectionIndex());
        } finally {
            again.close();
        }
    }

    private static Dictionary<String, Object> storageConfiguration(ConfigurationAdmin configs) {
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + "org.sipdrop.transport.http" + ")");
            return found == null ? null : found[0].getProperties();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PreferenceDialog open() {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(shell, SipDropPreferencePage.ID,
                new String[] { SipDropPreferencePage.ID }, null);
        assertNotNull(dialog, "the SipDrop preference page is registered");
        dialog.setBlockOnOpen(false);
        dialog.open();
        UiWait.settle(shell.getDisplay());
        return dialog;
    }
}
