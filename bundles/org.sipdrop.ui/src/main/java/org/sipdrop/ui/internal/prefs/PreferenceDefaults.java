package org.sipdrop.ui.internal.prefs;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;

/**
 * The defaults of a first run: the embedded server on this machine, a local account, every
 * offer asked, MSRP preferred. Registered with {@code org.eclipse.core.runtime.preferences}.
 */
public final class PreferenceDefaults extends AbstractPreferenceInitializer {

    /** The embedded server's port: the standard SIP port, so {@code ./sipdrop send} finds it. */
    public static final int EMBEDDED_PORT = 5060;
    /** Transport schemes, best first: direct MSRP, then the HTTP storage, then MQTT. */
    public static final String TRANSPORT_ORDER = "msrp,msrps,https,http,mqtts,mqtt";

    @Override
    public void initializeDefaultPreferences() {
        apply(DefaultScope.INSTANCE.getNode(PreferenceKeys.NODE));
    }

    /** Writes the defaults into {@code node}. */
    public static void apply(IEclipsePreferences node) {
        node.put(PreferenceKeys.ACCOUNT_ADDRESS, "");
        node.put(PreferenceKeys.ACCOUNT_DISPLAY_NAME, "");
        node.put(PreferenceKeys.ACCOUNT_REGISTRAR, "");
        node.put(PreferenceKeys.ACCOUNT_OUTBOUND_PROXY, "");
        node.put(PreferenceKeys.ACCOUNT_TRANSPORT, "tcp");
        node.put(PreferenceKeys.ACCOUNT_TRUST_STORE, "");
        node.putBoolean(PreferenceKeys.EMBEDDED, true);
        node.putInt(PreferenceKeys.EMBEDDED_PORT, EMBEDDED_PORT);
        node.put(PreferenceKeys.ACCEPT_MODE, "ask");
        node.put(PreferenceKeys.ACCEPT_MAX_SIZE, "");
        node.put(PreferenceKeys.ACCEPT_TYPES, "");
        node.put(PreferenceKeys.DOWNLOAD_FOLDER, "");
        node.put(PreferenceKeys.TRANSPORT_ORDER, TRANSPORT_ORDER);
        node.put(PreferenceKeys.STORAGE_URL, "");
        node.put(PreferenceKeys.STORAGE_USER, "");
        node.put(PreferenceKeys.CONTACTS, "");
        node.put(PreferenceKeys.OWN_STATUS, "AVAILABLE");
        node.put(PreferenceKeys.OWN_NOTE, "");
    }
}
