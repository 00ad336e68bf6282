package org.sipdrop.transfer.internal.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * One trusted sender, matched against the address-of-record of an offer's sender.
 * <p>
 * Both sides are reduced to {@code user@host}: an optional display name and angle brackets,
 * the {@code sip:}/{@code sips:} scheme, URI parameters ({@code ;...}) and headers
 * ({@code ?...}) are dropped. As RFC 3261 §19.1.4 compares SIP URIs, the user part is compared
 * case-sensitively and the host case-insensitively. {@code sip:} and {@code sips:} name the
 * same person here: the scheme says how to reach them, not who they are.
 * <p>
 * A pattern without {@code @} ({@code alice}) matches that user on any host: handy with the
 * embedded single-domain server, but a full AOR ({@code alice@example.com}) should be used
 * wherever several domains can reach the receiver.
 */
public final class SenderPattern {

    private final String user;
    private final String host; // null: any host

    private SenderPattern(String user, String host) {
        this.user = user;
        this.host = host;
    }

    /**
     * @param pattern {@code alice}, {@code alice@example.com} or {@code sip:alice@example.com}
     * @throws IllegalArgumentException when it is empty or holds white space or control characters
     */
    public static SenderPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        String aor = reduce(pattern.strip());
        if (aor.isEmpty() || aor.startsWith("@") || aor.endsWith("@")
                || aor.chars().anyMatch(c -> c <= ' ' || c == 0x7F || c == ',')) {
            throw new IllegalArgumentException("Not a sender: '" + pattern
                    + "'; write alice, alice@example.com or sip:alice@example.com");
        }
        int at = aor.lastIndexOf('@');
        return at < 0 ? new SenderPattern(aor, null)
                : new SenderPattern(aor.substring(0, at), aor.substring(at + 1).toLowerCase(Locale.ROOT));
    }

    /** @param sender an address-of-record as the SIP layer reports it; null never matches */
    public boolean matches(String sender) {
        if (sender == null) {
            return false;
        }
        String aor = reduce(sender.strip());
        int at = aor.lastIndexOf('@');
        if (at < 0) {
            return false; // an AOR always has a user and a host
        }
        return user.equals(aor.substring(0, at))
                && (host == null || host.equals(aor.substring(at + 1).toLowerCase(Locale.ROOT)));
    }

    /** @return {@code user@host} of a name-addr or addr-spec, without scheme, parameters or headers */
    static String reduce(String s) {
        String a = s;
        int lt = a.indexOf('<');
        if (lt >= 0) {
            int gt = a.indexOf('>', lt);
            a = gt < 0 ? a.substring(lt + 1) : a.substring(lt + 1, gt);
        }
        String lower = a.toLowerCase(Locale.ROOT);
        if (lower.startsWith("sips:")) {
            a = a.substring(5);
        } else if (lower.startsWith("sip:")) {
            a = a.substring(4);
        }
        int end = a.length();
        for (char stop : new char[] { ';', '?' }) {
            int i = a.indexOf(stop);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return a.substring(0, end);
    }

    @Override
    public String toString() {
        return host == null ? user : user + "@" + host;
    }
}
