package org.sipdrop.ui.internal.session;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.prefs.SecureStore;

/**
 * Hands the HTTP storage of the preferences (RFC 4483 content indirection) to the HTTP
 * transport through Configuration Admin, PID {@value #PID}: {@code base.url}, {@code user} and,
 * with a user, the private {@code .password} from Secure Storage. The password is handed over
 * only when Configuration Admin keeps configurations in memory ({@code felix.cm.pm=memory}, as
 * the product sets), never to a configuration store on disk. Without a storage URL the
 * configuration is deleted. A delayed component: the workbench
 * ({@link org.sipdrop.ui.internal.WorkbenchStartup}) uses it, a headless application does not.
 */
@Component(service = StorageConfiguration.class)
public final class StorageConfiguration {

    /** The HTTP transport's configuration PID. */
    public static final String PID = "org.sipdrop.transport.http";

    private static final ILog LOG = ILog.of(StorageConfiguration.class);

    private final ConfigurationAdmin configs;
    private final boolean inMemory;
    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final IPreferenceChangeListener listener = e -> {
        if (e.getKey().startsWith("storage.")) {
            apply();
        }
    };

    @Activate
    public StorageConfiguration(@Reference ConfigurationAdmin configs, BundleContext context) {
        this.configs = configs;
        this.inMemory = "memory".equals(context.getProperty("felix.cm.pm"));
        prefs.addPreferenceChangeListener(listener);
        apply();
    }

    @Deactivate
    void deactivate() {
        prefs.removePreferenceChangeListener(listener);
    }

    /** Writes the storage settings to the transport's configuration, or deletes it when there is no URL. */
    public void apply() {
        SessionSettings s = SessionSettings.read(prefs, defaults);
        try {
            Configuration c = configs.getConfiguration(PID, "?");
            if (s.storageUrl().isEmpty()) {
                if (c.getProperties() != null) {
                    c.delete();
                }
                return;
            }
            Dictionary<String, Object> p = new Hashtable<>();
            p.put("base.url", s.storageUrl().get());
            s.storageUser().ifPresent(u -> p.put("user", u));
            // anonymous without a user: a password left from an earlier user would keep the transport from starting
            if (s.storageUser().isPresent() && inMemory) {
                SecureStore.workbench().get(PreferenceKeys.SECURE_STORAGE_PASSWORD).ifPresent(pw -> p.put(".password", pw));
            } else if (s.storageUser().isPresent()) {
                LOG.warn("SipDrop: the storage password is not handed to the HTTP transport because Configuration Admin "
                        + "stores configurations on disk; start with -Dfelix.cm.pm=memory to use it");
            }
            c.updateIfDifferent(p);
        } catch (IOException e) {
            LOG.error("SipDrop: cannot configure the HTTP storage transport: " + e.getMessage(), e);
        }
    }
}
