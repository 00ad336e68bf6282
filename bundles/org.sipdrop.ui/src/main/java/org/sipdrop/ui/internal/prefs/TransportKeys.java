package org.sipdrop.ui.internal.prefs;

import java.util.Map;

import org.sipdrop.configuration.Setting;
import org.sipdrop.configuration.TransportDescription;

/**
 * Where the workbench keeps a transport setting: preference (or, for a secret, Secure Storage)
 * key {@code transport.<PID>.<id>}, derived from the transport's metatype. The HTTP storage's
 * settings keep the keys they had when the page had hand-written fields, so saved preferences and
 * stored passwords stay valid.
 */
public final class TransportKeys {

    /** Prefix of every derived key. */
    public static final String PREFIX = "transport.";

    private static final Map<String, String> LEGACY = Map.of(
            "org.sipdrop.transport.http/base.url", PreferenceKeys.STORAGE_URL,
            "org.sipdrop.transport.http/user", PreferenceKeys.STORAGE_USER,
            "org.sipdrop.transport.http/.password", PreferenceKeys.SECURE_STORAGE_PASSWORD);

    private TransportKeys() {
    }

    /** @return the preference or Secure Storage key of {@code setting} */
    public static String of(TransportDescription transport, Setting setting) {
        return LEGACY.getOrDefault(transport.pid() + "/" + setting.id(), PREFIX + transport.pid() + "." + setting.id());
    }

    /** @return whether a preference with this key may configure a transport */
    public static boolean isTransportKey(String key) {
        return key.startsWith(PREFIX) || LEGACY.containsValue(key);
    }
}
