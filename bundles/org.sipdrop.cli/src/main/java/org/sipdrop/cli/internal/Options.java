package org.sipdrop.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GNU-style options of one subcommand: {@code --name value}, {@code --name=value}, boolean
 * {@code --flag}, and positional arguments; {@code --} ends the options. Unknown options are
 * a usage error, so a typo never silently changes what a command does.
 */
public final class Options {

    private final Map<String, String> values;
    private final List<String> positional;

    private Options(Map<String, String> values, List<String> positional) {
        this.values = values;
        this.positional = positional;
    }

    /**
     * @param flags options that take no value
     * @param valued options that take one value
     */
    public static Options parse(List<String> args, Set<String> flags, Set<String> valued) throws UsageException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (optionsEnded || !a.startsWith("--")) {
                positional.add(a);
                continue;
            }
            if (a.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int eq = a.indexOf('=');
            String name = a.substring(2, eq < 0 ? a.length() : eq);
            if (flags.contains(name)) {
                if (eq >= 0) {
                    throw new UsageException("--" + name + " takes no value");
                }
                values.put(name, "true");
            } else if (valued.contains(name)) {
                if (eq >= 0) {
                    values.put(name, a.substring(eq + 1));
                } else if (i + 1 < args.size()) {
                    values.put(name, args.get(++i));
                } else {
                    throw new UsageException("--" + name + " needs a value");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new Options(values, List.copyOf(positional));
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    public Optional<String> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    public List<String> positional() {
        return positional;
    }
}
