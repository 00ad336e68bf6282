package org.sipdrop.configuration.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.sipdrop.configuration.TransportCatalog;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.transfer.TransportProvider;

/**
 * The catalog from SCR and metatype documents. A transport is a DS component that provides
 * {@link TransportProvider}; SCR describes every such component, also one that waits for its
 * configuration, so its settings are known before it runs. The settings come from the component
 * bundle's {@code OSGI-INF/metatype/} designation of the component's PID, read with the JDK's
 * parser ({@link MetatypeXml}): the target platform has no MetaType Service, and tycho-ds-plugin
 * writes no metatype, so each transport ships its document. A refusal is SCR's failure of a
 * configuration of that component ({@link ActivationFailure}).
 */
@Component(service = TransportCatalog.class)
public final class ScrTransportCatalog implements TransportCatalog {

    private final ServiceComponentRuntime scr;
    private final BundleContext context;

    @Activate
    public ScrTransportCatalog(@Reference ServiceComponentRuntime scr, BundleContext context) {
        this.scr = scr;
        this.context = context;
    }

    @Override
    public List<TransportDescription> installed() {
        List<TransportDescription> found = new ArrayList<>();
        for (ComponentDescriptionDTO c : scr.getComponentDescriptionDTOs()) {
            if (!isConfigurableTransport(c)) {
                continue;
            }
            List<String> schemes = values(c.properties.get(TransportProvider.SCHEME_PROPERTY));
            Bundle bundle = context.getBundle(c.bundle.id);
            if (!schemes.isEmpty() && bundle != null) {
                String name = firstValue(c.properties.get(TransportProvider.NAME_PROPERTY)).orElse(schemes.get(0));
                describe(bundle, c.configurationPid[0], schemes, name).ifPresent(found::add);
            }
        }
        found.sort(Comparator.comparing(TransportDescription::scheme));
        return List.copyOf(found);
    }

    @Override
    public Optional<String> refusal(TransportDescription transport, Map<String, ?> marks) {
        for (ComponentDescriptionDTO c : scr.getComponentDescriptionDTOs()) {
            if (!isConfigurableTransport(c) || !c.configurationPid[0].equals(transport.pid())) {
                continue;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(c)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION && carries(configuration.properties, marks)) {
                    return Optional.of(ActivationFailure.reason(configuration.failure));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isConfigurableTransport(ComponentDescriptionDTO c) {
        return c.serviceInterfaces != null && Arrays.asList(c.serviceInterfaces).contains(TransportProvider.class.getName())
                && c.configurationPid != null && c.configurationPid.length > 0;
    }

    private static boolean carries(Map<String, Object> properties, Map<String, ?> marks) {
        return marks.entrySet().stream().allMatch(m -> properties != null && Objects.equals(properties.get(m.getKey()), m.getValue()));
    }

    private static Optional<TransportDescription> describe(Bundle bundle, String pid, List<String> schemes, String name) {
        Enumeration<URL> entries = bundle.findEntries("OSGI-INF/metatype", "*.xml", false);
        for (URL entry : entries == null ? List.<URL>of() : Collections.list(entries)) {
            try (InputStream in = entry.openStream()) {
                for (MetatypeXml.Designation d : MetatypeXml.read(in)) {
                    if (d.pid().equals(pid)) {
                        return Optional.of(new TransportDescription(schemes.get(0), name, pid, d.description(), d.settings(),
                                schemes));
                    }
                }
            } catch (IOException e) {
                // a broken metatype document only costs that transport its flags and fields
            }
        }
        return Optional.empty();
    }

    /** @return the values of a service property that may be a String, a String[] or a collection, in order */
    static List<String> values(Object value) {
        if (value instanceof String[]) {
            return List.of((String[]) value);
        }
        if (value instanceof Iterable) {
            List<String> all = new ArrayList<>();
            ((Iterable<?>) value).forEach(o -> all.add(String.valueOf(o)));
            return List.copyOf(all);
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** @return the first value of a service property that may be a String, a String[] or a collection */
    static Optional<String> firstValue(Object value) {
        if (value instanceof String[]) {
            String[] values = (String[]) value;
            return values.length == 0 ? Optional.empty() : Optional.of(values[0]);
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
