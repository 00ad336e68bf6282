package org.sipdrop.ui.internal.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;

/**
 * What the preferences say about signing in, read once per sign-in. Passwords are not here:
 * they stay in Secure Storage until the moment they are needed.
 */
public final class SessionSettings {

    /** The host of the default local account and of the embedded server. */
    public static final String LOOPBACK = "127.0.0.1";

    private final UnaryOperator<String> values;

    private SessionSettings(UnaryOperator<String> values) {
        this.values = values;
    }

    /**
     * @param values the value of each {@link PreferenceKeys} key, defaults applied; never null
     *        for a known key
     */
    public static SessionSettings of(UnaryOperator<String> values) {
        return new SessionSettings(values);
    }

    /** @return the settings in {@code instance}, falling back to {@code defaults} key by key */
    public static SessionSettings read(IEclipsePreferences instance, IEclipsePreferences defaults) {
        return of(key -> instance.get(key, defaults.get(key, "")));
    }

    private String text(String key) {
        String v = values.apply(key);
        return v == null ? "" : v.strip();
    }

    private Optional<String> optional(String key) {
        String v = text(key);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public boolean embedded() {
        return !"false".equalsIgnoreCase(text(PreferenceKeys.EMBEDDED));
    }

    /**
     * @return the embedded server's port
     * @throws IllegalArgumentException when the preference is not a port number
     */
    public int embeddedPort() {
        String v = text(PreferenceKeys.EMBEDDED_PORT);
        try {
            int port = v.isEmpty() ? 0 : Integer.parseInt(v);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The embedded server port must be 0..65535, not '" + v + "'");
        }
    }

    /**
     * @return the user's address of record: the one set, or with the embedded server and none
     *         set, the default local account {@code sip:USER@127.0.0.1} named after the
     *         operating-system user
     */
    public Optional<String> address() {
        Optional<String> set = optional(PreferenceKeys.ACCOUNT_ADDRESS)
                .map(a -> a.startsWith("sip:") || a.startsWith("sips:") ? a : "sip:" + a);
        if (set.isPresent() || !embedded()) {
            return set;
        }
        return Optional.of("sip:" + localUser(System.getProperty("user.name", "")) + "@" + LOOPBACK);
    }

    /** @return {@code name} reduced to the characters of a SIP user part that need no escaping, or {@code me} */
    static String localUser(String name) {
        String user = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        return user.isEmpty() ? "me" : user;
    }

    public Optional<String> displayName() {
        return optional(PreferenceKeys.ACCOUNT_DISPLAY_NAME);
    }

    public Optional<String> registrar() {
        return optional(PreferenceKeys.ACCOUNT_REGISTRAR);
    }

    public Optional<String> outboundProxy() {
        return optional(PreferenceKeys.ACCOUNT_OUTBOUND_PROXY);
    }

    /** @throws IllegalArgumentException naming the accepted transports */
    public SipTransport transport() {
        String t = text(PreferenceKeys.ACCOUNT_TRANSPORT);
        return t.isEmpty() ? SipTransport.TCP : SipTransport.of(t);
    }

    public Optional<String> trustStore() {
        return optional(PreferenceKeys.ACCOUNT_TRUST_STORE);
    }

    /** @return {@code ask}, {@code trusted}, {@code all} or {@code none} */
    public String acceptMode() {
        String m = text(PreferenceKeys.ACCEPT_MODE).toLowerCase(Locale.ROOT);
        return m.isEmpty() ? "ask" : m;
    }

    public Optional<String> acceptMaxSize() {
        return optional(PreferenceKeys.ACCEPT_MAX_SIZE);
    }

    /** @return the accepted media ranges, e.g. {@code image/*}; empty for any type */
    public List<String> acceptTypes() {
        return list(PreferenceKeys.ACCEPT_TYPES);
    }

    public Optional<String> downloadFolder() {
        return optional(PreferenceKeys.DOWNLOAD_FOLDER);
    }

    /** @return transport schemes, best first */
    public List<String> transportOrder() {
        return list(PreferenceKeys.TRANSPORT_ORDER);
    }

    public Optional<String> storageUrl() {
        return optional(PreferenceKeys.STORAGE_URL);
    }

    public Optional<String> storageUser() {
        return optional(PreferenceKeys.STORAGE_USER);
    }

    /** @return the status to publish on sign-in; AVAILABLE when the stored one is unknown */
    public PresenceStatus ownStatus() {
        try {
            return PresenceStatus.valueOf(text(PreferenceKeys.OWN_STATUS).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return PresenceStatus.AVAILABLE;
        }
    }

    public Optional<String> ownNote() {
        return optional(PreferenceKeys.OWN_NOTE);
    }

    private List<String> list(String key) {
        List<String> items = new ArrayList<>();
        for (String item : text(key).split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip().toLowerCase(Locale.ROOT));
            }
        }
        return items;
    }
}
