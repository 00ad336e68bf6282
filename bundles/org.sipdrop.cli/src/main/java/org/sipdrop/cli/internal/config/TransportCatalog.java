package org.sipdrop.cli.internal.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.transfer.TransportProvider;

/**
 * The transports installed now and what their metatype says about their configuration. A
 * transport is a DS component that provides {@link TransportProvider}; SCR describes every such
 * component, also one not running for want of a configuration ({@code configurationPolicy =
 * REQUIRE}, as the shared-folder example), so its flags exist before it runs. The settings come
 * from the component bundle's {@code OSGI-INF/metatype/} designation of the component's PID.
 */
public final class TransportCatalog {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private TransportCatalog() {
    }

    /** @return the described transports, by scheme; empty outside OSGi or without SCR */
    public static List<TransportDescription> installed(Services services) {
        Bundle self = FrameworkUtil.getBundle(TransportCatalog.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        Optional<ServiceComponentRuntime> scr = context == null ? Optional.empty() : services.await(ServiceComponentRuntime.class, WAIT);
        if (scr.isEmpty()) {
            return List.of();
        }
        List<TransportDescription> found = new ArrayList<>();
        for (ComponentDescriptionDTO c : scr.get().getComponentDescriptionDTOs()) {
            if (c.serviceInterfaces == null || !Arrays.asList(c.serviceInterfaces).contains(TransportProvider.class.getName())
                    || c.configurationPid == null || c.configurationPid.length == 0) {
                continue;
            }
            Optional<String> scheme = firstValue(c.properties.get(TransportProvider.SCHEME_PROPERTY));
            Bundle bundle = context.getBundle(c.bundle.id);
            if (scheme.isPresent() && bundle != null) {
                String name = firstValue(c.properties.get(TransportProvider.NAME_PROPERTY)).orElse(scheme.get());
                describe(bundle, c.configurationPid[0], scheme.get(), name).ifPresent(found::add);
            }
        }
        found.sort((a, b) -> a.scheme().compareTo(b.scheme()));
        return found;
    }

    private static Optional<TransportDescription> describe(Bundle bundle, String pid, String scheme, String name) {
        Enumeration<URL> entries = bundle.findEntries("OSGI-INF/metatype", "*.xml", false);
        for (URL entry : entries == null ? List.<URL>of() : Collections.list(entries)) {
            try (InputStream in = entry.openStream()) {
                for (MetatypeXml.Designation d : MetatypeXml.read(in)) {
                    if (d.pid().equals(pid)) {
                        return Optional.of(new TransportDescription(scheme, name, pid, d.description(), d.settings()));
                    }
                }
            } catch (IOException e) {
                // a broken metatype document only costs that transport its flags
            }
        }
        return Optional.empty();
    }

    /** @return the first value of a service property that may be a String, a String[] or a collection */
    static Optional<String> firstValue(Object value) {
        if (value instanceof String[] && ((String[]) value).length > 0) {
            return Optional.of(((String[]) value)[0]);
        }
        if (value instanceof Iterable) {
            for (Object o : (Iterable<?>) value) {
                return Optional.of(String.valueOf(o));
            }
            return Optional.empty();
        }
        return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
    }
}
