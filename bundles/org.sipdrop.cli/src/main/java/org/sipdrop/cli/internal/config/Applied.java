package org.sipdrop.cli.internal.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;

import org.osgi.service.cm.Configuration;

/** Settings in force for one command; closing restores the configuration that was there before. */
public final class Applied implements AutoCloseable {

    /** Nothing applied: closing changes nothing. */
    public static final Applied NOTHING = new Applied(null, null, () -> { }, List.of());

    private final Configuration configuration;
    private final Dictionary<String, Object> before;
    private final Runnable awaitRelease;
    private final List<Applied> parts;

    /**
     * @param awaitRelease waits (bounded) until the provider no longer runs with these settings:
     *        the next settings applied before SCR has seen these go may be lost (see {@link Applier})
     */
    Applied(Configuration configuration, Dictionary<String, Object> before, Runnable awaitRelease) {
        this(configuration, before, awaitRelease, List.of());
    }

    private Applied(Configuration configuration, Dictionary<String, Object> before, Runnable awaitRelease, List<Applied> parts) {
        this.configuration = configuration;
        this.before = before;
        this.awaitRelease = awaitRelease;
        this.parts = parts;
    }

    /** @return one handle that closes {@code parts} in reverse order */
    static Applied all(List<Applied> parts) {
        List<Applied> reversed = new ArrayList<>(parts);
        Collections.reverse(reversed);
        return new Applied(null, null, () -> { }, List.copyOf(reversed));
    }

    /** Restores the previous configuration, or deletes the one this command created, and waits until the provider let go of it. */
    @Override
    public void close() {
        parts.forEach(Applied::close);
        if (configuration == null) {
            return;
        }
        try {
            if (before == null) {
                configuration.delete();
            } else {
                configuration.update(before);
            }
        } catch (IOException | IllegalStateException e) {
            return; // the framework is going down; nothing persists beyond it that we could fix here
        }
        awaitRelease.run();
    }
}
