package org.sipdrop.ui.internal.session;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferService;

/**
 * The receiving policy of the preferences: size and type limits first (a refusal the sender
 * sees, 488), then the mode: {@code ask} every offer, {@code trusted} accepts the user's
 * contacts and asks about others, {@code all}, {@code none}. Size limits and the modes come
 * from the {@link TransferService}'s policy syntax; this adds the contacts and the types.
 */
public final class WorkbenchPolicy implements AcceptancePolicy {

    private final AcceptancePolicy trusted;
    private final AcceptancePolicy others;
    private final boolean trustContacts;
    private final List<String> types;
    private final Supplier<List<String>> contacts;

    private WorkbenchPolicy(AcceptancePolicy trusted, AcceptancePolicy others, boolean trustContacts, List<String> types,
            Supplier<List<String>> contacts) {
        this.trusted = trusted;
        this.others = others;
        this.trustContacts = trustContacts;
        this.types = List.copyOf(types);
        this.contacts = contacts;
    }

    /**
     * @param mode {@code ask}, {@code trusted}, {@code all} or {@code none}
     * @param maxSize e.g. {@code 100M}; null for no limit
     * @param types accepted media ranges ({@code image/*}, {@code text/plain}); empty for any
     * @param contacts the contacts' addresses of record, read at each offer
     * @throws IllegalArgumentException naming the accepted forms when a setting is malformed
     */
    public static WorkbenchPolicy of(TransferService service, String mode, String maxSize, List<String> types,
            Supplier<List<String>> contacts) {
        checkTypes(types);
        switch (mode) {
        case "trusted":
            return new WorkbenchPolicy(service.acceptancePolicy("all", maxSize), service.acceptancePolicy("ask", maxSize),
                    true, types, contacts);
        case "ask":
        case "all":
        case "none":
            AcceptancePolicy p = service.acceptancePolicy(mode, maxSize);
            return new WorkbenchPolicy(p, p, false, types, contacts);
        default:
            throw new IllegalArgumentException("Unknown acceptance mode '" + mode + "': use ask, trusted, all or none");
        }
    }

    /** @throws IllegalArgumentException when an item is not a media type or range such as {@code image/*} */
    public static void checkTypes(List<String> types) {
        for (String t : types) {
            if (!t.matches("[a-z0-9!#$&^_.+-]+/([a-z0-9!#$&^_.+-]+|\\*)") && !t.equals("*/*")) {
                throw new IllegalArgumentException("Not a media type or range: '" + t + "'; write e.g. image/*,text/plain");
            }
        }
    }

    @Override
    public Decision decide(String sender, FileOffer offer) {
        String type = offer.mediaType().toLowerCase(Locale.ROOT);
        if (!types.isEmpty() && types.stream().noneMatch(range -> matches(range, type))) {
            return Decision.reject(Decision.NOT_ACCEPTABLE_HERE,
                    "File type not accepted: " + offer.mediaType() + "; accepted: " + String.join(", ", types));
        }
        boolean known = trustContacts && contacts.get().stream().anyMatch(c -> sameAddress(c, sender));
        return (known ? trusted : others).decide(sender, offer);
    }

    static boolean matches(String range, String type) {
        String bare = type.contains(";") ? type.substring(0, type.indexOf(';')).strip() : type;
        if (range.equals("*/*")) {
            return true;
        }
        if (range.endsWith("/*")) {
            return bare.startsWith(range.substring(0, range.length() - 1));
        }
        return bare.equals(range);
    }

    /** Compares addresses of record without scheme case and ignoring {@code sips:} versus {@code sip:}. */
    static boolean sameAddress(String a, String b) {
        return strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String aor) {
        String s = aor == null ? "" : aor.strip();
        int lt = s.indexOf('<');
        if (lt >= 0 && s.endsWith(">")) {
            s = s.substring(lt + 1, s.length() - 1);
        }
        return s.replaceFirst("(?i)^sips?:", "");
    }
}
