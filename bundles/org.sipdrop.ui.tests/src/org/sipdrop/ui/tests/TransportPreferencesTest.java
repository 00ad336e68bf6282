package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.prefs.SipDropPreferencePage;
import org.sipdrop.ui.internal.prefs.TransportKeys;

/**
 * The preference page has a section per installed transport derived from its metatype: the
 * shared-folder example (examples/, which SipDrop's code never names) gets a "Shared folder"
 * field; typing a folder and OK configures it through Configuration Admin and it starts.
 */
class TransportPreferencesTest {

    private static final String PID = "org.sipdrop.transport.file";
    private static final String FOLDER = TransportKeys.PREFIX + PID + ".folder";
    private static final String MAX_SIZE = TransportKeys.PREFIX + PID + ".max.size";

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);

    /** The shared folder's preferences as this test found them (null: not set). */
    private final Map<String, String> found = new HashMap<>();

    @BeforeEach
    void remember() {
        for (String key : List.of(FOLDER, MAX_SIZE)) {
            found.put(key, prefs.get(key, null));
        }
    }

    /**
     * Puts back exactly the preferences found, waits until the shared folder's configuration and
     * transport follow them, then until a new sign-in (OK started one, this starts the last) has
     * ended signed in: the next test (SendFromWorkspaceTest) needs the session, not one about to
     * be replaced.
     */
    @AfterEach
    void restore() throws Exception {
        found.forEach((key, value) -> {
            if (value == null) {
                prefs.remove(key);
            } else {
                prefs.put(key, value);
            }
        });
        prefs.flush();
        if (found.get(FOLDER) == null) {
            ConfigurationAdmin configs = TestServices.await(ConfigurationAdmin.class);
            UiWait.until(() -> configuration(configs) == null, Duration.ofSeconds(15), "cleared settings delete the configuration");
            UiWait.until(() -> !fileTransportRunning(), Duration.ofSeconds(15), "the shared-folder transport stopped");
        }
        Sessions.restarted();
    }

    @Test
    void aThirdPartyTransportIsConfiguredFromItsDerivedSection() throws Exception {
        Sessions.signedIn();
        Path share = Files.createTempDirectory("sipdrop-share");
        PreferenceDialog dialog = open();
        SipDropPreferencePage page = (SipDropPreferencePage) dialog.getSelectedPage();
        assertNotNull(page.field(FOLDER), "a field for the shared folder's 'folder'");
        assertNotNull(page.field(MAX_SIZE), "a field for its 'max.size'");
        assertTrue(page.field(MAX_SIZE).getMessage().contains("4294967296"), "the hint shows the default: " + page.field(MAX_SIZE).getMessage());
        assertTrue((page.field(PreferenceKeys.SECURE_STORAGE_PASSWORD).getStyle() & SWT.PASSWORD) != 0, "a password never shows");

        Widgets.type(page.field(MAX_SIZE), "lots");
        Widgets.click(Widgets.okButton(dialog.getShell()));
        assertFalse(dialog.getShell() == null || dialog.getShell().isDisposed(), "a value of the wrong type keeps the dialog open");
        assertTrue(String.valueOf(page.getErrorMessage()).contains("Largest file"), page.getErrorMessage());

        Widgets.type(page.field(MAX_SIZE), "1048576");
        Widgets.type(page.field(FOLDER), share.toString());
        Widgets.click(Widgets.okButton(dialog.getShell()));
        assertTrue(dialog.getShell() == null || dialog.getShell().isDisposed(), "OK closes the dialog: " + page.getErrorMessage());
        assertEquals(share.toString(), prefs.get(FOLDER, null));

        ConfigurationAdmin configs = TestServices.await(ConfigurationAdmin.class);
        UiWait.until(() -> configuration(configs) != null, Duration.ofSeconds(15), "the shared folder is configured");
        Dictionary<String, Object> p = configuration(configs);
        assertEquals(share.toString(), p.get("folder"));
        assertEquals(1048576L, p.get("max.size"), "typed as its metatype says");
        ServiceTracker<TransportProvider, TransportProvider> running = new ServiceTracker<>(
                FrameworkUtil.getBundle(TransportPreferencesTest.class).getBundleContext(),
                FrameworkUtil.createFilter("(&(objectClass=" + TransportProvider.class.getName() + ")("
                        + TransportProvider.SCHEME_PROPERTY + "=file))"), null);
        running.open();
        try {
            assertNotNull(running.waitForService(15_000), "the shared-folder transport runs with the folder from the page");
        } finally {
            running.close();
        }
    }

    private static boolean fileTransportRunning() {
        try {
            return FrameworkUtil.getBundle(TransportPreferencesTest.class).getBundleContext().getServiceReferences(
                    TransportProvider.class.getName(), "(" + TransportProvider.SCHEME_PROPERTY + "=file)") != null;
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private static Dictionary<String, Object> configuration(ConfigurationAdmin configs) {
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + PID + ")");
            return found == null ? null : found[0].getProperties();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PreferenceDialog open() {
        Shell shell = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(shell, SipDropPreferencePage.ID,
                new String[] { SipDropPreferencePage.ID }, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        UiWait.settle(shell.getDisplay());
        return dialog;
    }
}
