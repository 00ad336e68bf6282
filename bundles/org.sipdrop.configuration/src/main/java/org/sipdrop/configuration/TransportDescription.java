package org.sipdrop.configuration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an installed transport says about its configuration: the scheme that names its flags, its
 * configuration PID and the settings its metatype describes. Nothing here is specific to a
 * transport: a third-party bundle gets flags and preference fields from its metatype alone.
 *
 * @param scheme the first scheme the provider registers, e.g. {@code file}; flags are {@code --file-…}
 * @param name the name shown to users, e.g. {@code Shared folder}
 * @param pid the configuration PID, e.g. {@code org.sipdrop.transport.file}
 * @param description what the transport does (the OCD description)
 * @param settings the attributes, in the metatype's order
 */
public record TransportDescription(String scheme, String name, String pid, String description, List<Setting> settings) {

    /** Requires a scheme and a PID. */
    public TransportDescription {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(pid, "pid");
        name = name == null ? scheme : name;
        description = description == null ? "" : description;
        settings = List.copyOf(settings);
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
