package org.sipdrop.cli.internal.commands;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sipdrop.cli.internal.UsageException;

/** Durations as a user types them on the command line: {@code 90s}, {@code 30m}, {@code 24h}, {@code 7d}. */
final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,7})([smhd])");

    private Durations() {
    }

    /**
     * @param flag the option's name, for the message
     * @throws UsageException naming the accepted forms when {@code text} is not one, or is zero
     */
    static Duration parse(String flag, String text) throws UsageException {
        Matcher m = FORM.matcher(text.strip());
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new UsageException("--" + flag + " takes a duration such as 90s, 30m, 24h or 7d, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        switch (m.group(2)) {
        case "s":
            return Duration.ofSeconds(n);
        case "m":
            return Duration.ofMinutes(n);
        case "h":
            return Duration.ofHours(n);
        default:
            return Duration.ofDays(n);
        }
    }

    /** @return {@code 1 h 30 min}, {@code 45 s}: how long, for people */
    static String format(Duration d) {
        long s = d.toSeconds();
        StringBuilder b = new StringBuilder();
        if (s >= 86_400) {
            b.append(s / 86_400).append(" d ");
        }
        if (s % 86_400 >= 3600) {
            b.append(s % 86_400 / 3600).append(" h ");
        }
        if (s % 3600 >= 60) {
            b.append(s % 3600 / 60).append(" min ");
        }
        if (s % 60 > 0 || s == 0) {
            b.append(s % 60).append(" s ");
        }
        return b.toString().strip();
    }
}
