package org.sipdrop.ui.internal.prefs;

import java.io.IOException;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.ILog;
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
import org.sipdrop.configuration.Setting;
import org.sipdrop.configuration.TransportCatalog;
import org.sipdrop.configuration.TransportDescription;

/**
 * Hands each installed transport the settings the preference page keeps for it, through
 * Configuration Admin under the PID its metatype designates: the values set (typed as the metatype
 * says; an empty field leaves the transport's default) and, from Secure Storage, its secrets. A
 * secret is handed over only when Configuration Admin keeps configurations in memory
 * ({@code felix.cm.pm=memory}, as the product sets), never to a configuration store on disk. A
 * transport for which nothing is set gets no configuration from here; one this component
 * configured and whose settings were all cleared has its configuration deleted. A delayed
 * component: the workbench ({@link org.sipdrop.ui.internal.WorkbenchStartup}) uses it, a headless
 * application does not.
 */
@Component(service = TransportPreferences.class)
public final class TransportPreferences {

    private static final ILog LOG = ILog.of(TransportPreferences.class);

    private final ConfigurationAdmin configs;
    private final TransportCatalog catalog;
    private final boolean inMemory;
    private final Set<String> configured = new HashSet<>();
    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final IPreferenceChangeListener listener = e -> {
        if (TransportKeys.isTransportKey(e.getKey())) {
            apply();
        }
    };

    @Activate
    public TransportPreferences(@Reference ConfigurationAdmin configs, @Reference TransportCatalog catalog, BundleContext context) {
        this.configs = configs;
        this.catalog = catalog;
        this.inMemory = "memory".equals(context.getProperty("felix.cm.pm"));
        prefs.addPreferenceChangeListener(listener);
        apply();
    }

    @Deactivate
    void deactivate() {
        prefs.removePreferenceChangeListener(listener);
    }

    /** Writes every installed transport's settings to its configuration. */
    public synchronized void apply() {
        for (TransportDescription t : catalog.installed()) {
            try {
                apply(t);
            } catch (IOException | IllegalArgumentException e) {
                LOG.error("SipDrop: cannot configure the " + t.name() + " transport: " + e.getMessage(), e);
            }
        }
    }

    private void apply(TransportDescription t) throws IOException {
        Dictionary<String, Object> p = new Hashtable<>();
        boolean secretsKept = false;
        for (Setting s : t.settings()) {
            String key = TransportKeys.of(t, s);
            Optional<String> value = s.secret() ? secret(key) : Optional.of(prefs.get(key, "").strip()).filter(v -> !v.isEmpty());
            if (value.isPresent() && s.secret() && !inMemory) {
                secretsKept = true;
            } else if (value.isPresent()) {
                p.put(s.id(), s.parse(value.get()));
            }
        }
        if (secretsKept) {
            LOG.warn("SipDrop: the " + t.name() + " transport's passwords are not handed over because Configuration Admin "
                    + "stores configurations on disk; start with -Dfelix.cm.pm=memory to use them");
        }
        Configuration c = configs.getConfiguration(t.pid(), "?");
        if (p.isEmpty() || onlySecrets(t, p) || missesARequired(t, p)) {
            if (configured.remove(t.pid()) && c.getProperties() != null) {
                c.delete();
            }
            return;
        }
        configured.add(t.pid());
        c.updateIfDifferent(p);
    }

    /** A password alone (e.g. one left from an earlier user) configures nothing: it would only keep the transport from starting. */
    private static boolean onlySecrets(TransportDescription t, Dictionary<String, Object> p) {
        for (Setting s : t.settings()) {
            if (!s.secret() && p.get(s.id()) != null) {
                return false;
            }
        }
        return true;
    }

    /** A required setting not set yet (the page saves field by field): no configuration rather than one the transport refuses. */
    private static boolean missesARequired(TransportDescription t, Dictionary<String, Object> p) {
        return t.settings().stream().anyMatch(s -> s.required() && p.get(s.id()) == null);
    }

    private static Optional<String> secret(String key) throws IOException {
        return SecureStore.workbench().get(key);
    }
}
