package org.sipdrop.transfer.internal.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the acceptance settings as a user writes them on the command line:
 * <ul>
 * <li>mode: {@code ask}, {@code all}, {@code none} or {@code from:alice,bob@example.com}
 * (see {@link SenderPattern});</li>
 * <li>size limit: see {@link ByteSizes#parse};</li>
 * <li>type lists: {@code image/*,text/plain} (see {@link MediaRange}).</li>
 * </ul>
 * Every error message names the bad input and shows the accepted form.
 */
public final class PolicySyntax {

    private static final String FROM = "from:";
    private static final String MODES = "use ask, all, none or from:alice,bob@example.com";

    private PolicySyntax() {
    }

    /**
     * @param spec {@code ask|all|none|from:<sender>[,<sender>...]} with full addresses only
     * @return a builder with the mode (and senders) set, ready for limits
     */
    public static ConfiguredAcceptancePolicy.Builder parseMode(String spec) {
        return parseMode(spec, null);
    }

    /**
     * @param spec {@code ask|all|none|from:<sender>[,<sender>...]}, case-insensitive keyword
     * @param ownDomain the receiver's own domain: what a bare sender name ({@code alice}) means;
     *        null when unknown (bare names are then refused, see {@link SenderPattern})
     * @return a builder with the mode (and senders) set, ready for limits
     */
    public static ConfiguredAcceptancePolicy.Builder parseMode(String spec, String ownDomain) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("No acceptance mode given; " + MODES);
        }
        String s = spec.strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith(FROM)) {
            List<SenderPattern> senders = new ArrayList<>();
            for (String item : list(s.substring(FROM.length()), "sender", "from:alice,bob@example.com")) {
                senders.add(SenderPattern.parse(item, ownDomain));
            }
            return ConfiguredAcceptancePolicy.builder(ConfiguredAcceptancePolicy.Mode.FROM).senders(senders);
        }
        switch (lower) {
        case "ask":
            return ConfiguredAcceptancePolicy.builder(ConfiguredAcceptancePolicy.Mode.ASK);
        case "all":
            return ConfiguredAcceptancePolicy.builder(ConfiguredAcceptancePolicy.Mode.ALL);
        case "none":
            return ConfiguredAcceptancePolicy.builder(ConfiguredAcceptancePolicy.Mode.NONE);
        case "from":
            throw new IllegalArgumentException("'from' needs the senders after a colon, e.g. from:alice,bob@example.com");
        default:
            throw new IllegalArgumentException("Unknown acceptance mode '" + spec + "'; " + MODES);
        }
    }

    /** @param spec a comma-separated list such as {@code image/*,text/plain} */
    public static MediaRange[] parseTypes(String spec) {
        return list(spec, "media type", "image/*,text/plain").stream().map(MediaRange::parse).toArray(MediaRange[]::new);
    }

    private static List<String> list(String spec, String what, String example) {
        List<String> items = new ArrayList<>();
        for (String item : (spec == null ? "" : spec).split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException("Empty " + what + " in '" + spec + "'; write e.g. " + example);
            }
            items.add(item.strip());
        }
        return items;
    }
}
