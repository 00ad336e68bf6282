package org.sipdrop.configuration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an installed transport says about its configuration: the scheme that names its flags, every
 * scheme it serves, its configuration PID and the settings its metatype describes. Nothing here is
 * specific to a transport: a third-party bundle gets flags and preference fields from its metatype
 * alone.
 *
 * @param scheme the first scheme the provider registers, e.g. {@code file}; flags are {@code --file-…}
 * @param name the name shown to users, e.g. {@code Shared folder}
 * @param pid the configuration PID, e.g. {@code org.sipdrop.transport.file}
 * @param description what the transport does (the OCD description)
 * @param settings the attributes, in the metatype's order
 * @param schemes every scheme the provider registers, {@code scheme} first, e.g. {@code mqtt} and
 *        {@code mqtts}: a transport that is not running yet (it waits for its configuration) is
 *        known by them, and users choose it by any of them ({@code send --via mqtts})
 */
public record TransportDescription(String scheme, String name, String pid, String description, List<Setting> settings,
        List<String> schemes) {

    /** Requires a scheme and a PID; {@code schemes} starts with {@code scheme}, which is added if missing. */
    public TransportDescription {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(pid, "pid");
        name = name == null ? scheme : name;
        description = description == null ? "" : description;
        settings = List.copyOf(settings);
        LinkedHashSet<String> all = new LinkedHashSet<>();
        all.add(scheme);
        all.addAll(schemes == null ? List.of() : schemes);
        schemes = List.copyOf(all);
    }

    /** A transport that serves {@code scheme} alone. */
    public TransportDescription(String scheme, String name, String pid, String description, List<Setting> settings) {
        this(scheme, name, pid, description, settings, List.of(scheme));
    }

    /** @return the flag of {@code setting} without dashes, e.g. {@code file-folder} */
    public String flag(Setting setting) {
        return scheme + "-" + setting.flagSuffix();
    }

    /** @return the setting stored under {@code id} */
    public Optional<Setting> setting(String id) {
        return settings.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
