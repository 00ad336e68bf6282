package org.sipdrop.ui.internal.receive;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * A name for a received file that no existing file in the destination folder has: the offered
 * name when it is free, else {@code name (2).ext}, {@code name (3).ext}, … A received file never
 * overwrites one the user already has.
 */
final class FreeName {

    /** How many numbered variants are tried before giving up. */
    static final int MAX_TRIES = 10_000;

    private FreeName() {
    }

    /**
     * @param wanted the file name the sender offered (already made safe by the agent's store)
     * @param taken tells whether a name is already used in the folder
     * @return the first free variant of {@code wanted}
     * @throws IllegalStateException when {@value #MAX_TRIES} variants are all taken
     */
    static String of(String wanted, Predicate<String> taken) {
        if (!taken.test(wanted)) {
            return wanted;
        }
        int dot = wanted.lastIndexOf('.');
        boolean hasExtension = dot > 0 && dot < wanted.length() - 1;
        String stem = hasExtension ? wanted.substring(0, dot) : wanted;
        String extension = hasExtension ? wanted.substring(dot) : "";
        for (int i = 2; i <= MAX_TRIES; i++) {
            String candidate = String.format(Locale.ROOT, "%s (%d)%s", stem, i, extension);
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("The destination already holds " + MAX_TRIES + " files named like '" + wanted
                + "': choose another folder with Save As…");
    }
}
