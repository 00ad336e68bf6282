package org.sipdrop.cli.internal.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.configuration.Setting;
import org.sipdrop.configuration.TransportCatalog;
import org.sipdrop.configuration.TransportDescription;

/**
 * The {@code --SCHEME-SETTING VALUE} flags derived from the installed transports' metatype, e.g.
 * {@code --file-folder DIR} for the shared-folder transport's {@code folder}, with the
 * {@link LegacyFlags} aliases, and the settings a command line gives through them.
 */
public final class TransportFlags {

    private record Flag(TransportDescription transport, Setting setting) {
    }

    private final List<TransportDescription> transports;
    private final Map<String, Flag> flags = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();

    private TransportFlags(List<TransportDescription> transports) {
        this.transports = List.copyOf(transports);
        for (TransportDescription t : transports) {
            for (Setting s : t.settings()) {
                flags.putIfAbsent(t.flag(s), new Flag(t, s));
            }
        }
        LegacyFlags.ALIASES.forEach((old, derived) -> {
            if (flags.containsKey(derived) && !flags.containsKey(old)) {
                aliases.put(old, derived);
            }
        });
    }

    /** How long a command waits for the catalog (DS activates it asynchronously). */
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** @return the flags of the transports installed now; none without the catalog (e.g. outside OSGi) */
    public static TransportFlags installed(Services services) {
        return derive(services.await(TransportCatalog.class, WAIT).map(TransportCatalog::installed).orElse(List.of()));
    }

    /** @return the flags of these transports */
    public static TransportFlags derive(List<TransportDescription> transports) {
        return new TransportFlags(transports);
    }

    /** @return the transports these flags configure */
    public List<TransportDescription> transports() {
        return transports;
    }

    /** @return every flag name that takes a value, aliases included, without dashes */
    public Set<String> valued() {
        Set<String> all = new LinkedHashSet<>(flags.keySet());
        all.addAll(aliases.keySet());
        return all;
    }

    /** @return the transport whose first scheme is {@code scheme} */
    public Optional<TransportDescription> transport(String scheme) {
        return transports.stream().filter(t -> t.scheme().equals(scheme)).findFirst();
    }

    /**
     * @return the settings the flags give, one entry per transport that got any; a transport with
     *         none keeps its configuration
     * @throws UsageException for a value of the wrong type, a flag given twice (once by its old
     *         name), or a required setting missing
     */
    public List<GivenSettings> given(Options options) throws UsageException {
        Map<TransportDescription, Map<String, Object>> given = new LinkedHashMap<>();
        for (Map.Entry<String, Flag> f : flags.entrySet()) {
            Optional<String> value = value(options, f.getKey());
            if (value.isPresent()) {
                Setting s = f.getValue().setting();
                try {
                    given.computeIfAbsent(f.getValue().transport(), t -> new LinkedHashMap<>()).put(s.id(), s.parse(value.get()));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--" + f.getKey() + ": " + e.getMessage());
                }
            }
        }
        List<GivenSettings> result = new ArrayList<>();
        for (Map.Entry<TransportDescription, Map<String, Object>> g : given.entrySet()) {
            for (Setting s : g.getKey().settings()) {
                if (s.required() && !g.getValue().containsKey(s.id())) {
                    throw new UsageException("the " + g.getKey().name() + " transport needs --" + g.getKey().flag(s) + " "
                            + s.placeholder() + " (" + s.description() + ")");
                }
            }
            result.add(new GivenSettings(g.getKey(), g.getValue()));
        }
        return result;
    }

    private Optional<String> value(Options options, String flag) throws UsageException {
        Optional<String> value = options.value(flag);
        for (Map.Entry<String, String> a : aliases.entrySet()) {
            if (a.getValue().equals(flag) && options.value(a.getKey()).isPresent()) {
                if (value.isPresent()) {
                    throw new UsageException("--" + a.getKey() + " and --" + flag + " are the same setting: give one");
                }
                value = options.value(a.getKey());
            }
        }
        return value;
    }

    /** @return help lines, one per flag: name, value placeholder, description, default (never a secret's) */
    public List<String> help(TransportDescription transport) {
        List<String> lines = new ArrayList<>();
        for (Setting s : transport.settings()) {
            String flag = transport.flag(s);
            StringBuilder line = new StringBuilder(String.format("  --%-34s %s", flag + " " + s.placeholder(), s.description()));
            if (s.required()) {
                line.append(" (required)");
            } else if (s.defaultValue().isPresent() && !s.defaultValue().get().isEmpty()) {
                line.append(" (default ").append(s.shown(s.defaultValue().get())).append(')');
            }
            aliases.forEach((old, derived) -> {
                if (derived.equals(flag)) {
                    line.append(" (also --").append(old).append(')');
                }
            });
            lines.add(line.toString());
        }
        return lines;
    }

    /** @return the help lines of every transport, each under a heading */
    public List<String> help() {
        List<String> lines = new ArrayList<>();
        for (TransportDescription t : transports) {
            lines.add(t.name() + " (" + t.scheme() + "):");
            lines.addAll(help(t));
        }
        return lines;
    }
}
