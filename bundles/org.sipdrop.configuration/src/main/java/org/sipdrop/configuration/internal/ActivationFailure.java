package org.sipdrop.configuration.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reason a user can act on in the failure SCR reports for a component configuration that
 * failed to activate ({@code ComponentConfigurationDTO.failure}, DS 1.4): Felix SCR gives the
 * whole stack trace of the exception, possibly wrapped by reflection. The reason is the message
 * of the first exception in the chain that is not such a wrapper, i.e. what the component threw.
 */
final class ActivationFailure {

    /** Exceptions that only carry the component's own one as their cause. */
    private static final Set<String> WRAPPERS = Set.of("java.lang.reflect.InvocationTargetException",
            "java.lang.reflect.UndeclaredThrowableException", "org.osgi.service.component.ComponentException",
            "java.lang.ExceptionInInitializerError");

    /** {@code Throwable.toString()}: the class name, then {@code ": "} and the message if there is one. */
    private static final Pattern HEADLINE = Pattern.compile("([\\p{javaJavaIdentifierPart}.$]+)(?:: (.*))?");

    private static final String CAUSED_BY = "Caused by: ";

    private ActivationFailure() {
    }

    /** @return the reason in {@code failure} (a stack trace, or a plain text); never empty */
    static String reason(String failure) {
        if (failure == null || failure.isBlank()) {
            return "no reason given";
        }
        List<Matcher> chain = new ArrayList<>();
        String[] lines = failure.strip().split("\\R");
        headline(lines[0]).ifPresent(chain::add);
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith(CAUSED_BY)) {
                headline(l.substring(CAUSED_BY.length())).ifPresent(chain::add);
            }
        }
        if (chain.isEmpty()) {
            return lines[0].strip(); // not a stack trace: take it as it is
        }
        Optional<Matcher> own = chain.stream().filter(m -> m.group(2) != null && !m.group(2).isBlank())
                .filter(m -> !WRAPPERS.contains(m.group(1))).findFirst();
        Optional<Matcher> any = chain.stream().filter(m -> m.group(2) != null && !m.group(2).isBlank()).findFirst();
        return own.or(() -> any).map(m -> m.group(2).strip()).orElse(chain.get(chain.size() - 1).group(1));
    }

    private static Optional<Matcher> headline(String text) {
        Matcher m = HEADLINE.matcher(text.strip());
        return m.matches() && m.group(1).contains(".") ? Optional.of(m) : Optional.empty();
    }
}
