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
 * A pattern without {@code @} ({@code alice}) names that user <em>on the receiver's own
 * domain</em> ({@code alice@<own domain>}), never the same name on another host: a server
 * authenticates only its own users, and a request from another domain reaches them unchallenged,
 * so {@code sip:alice@evil.example} must not pass for the colleague alice. Without a known own
 * domain a bare name is refused rather than guessed.
 */
public final class SenderPattern {

    private final String user;
    private final String host;

    private SenderPattern(String user, String host) {
        this.user = user;
        this.host = host;
    }

    /**
     * @param pattern {@code alice@example.com} or {@code sip:alice@example.com}
     * @throws IllegalArgumentException when it is empty, holds white space or control characters,
     *         or names no host
     */
    public static SenderPattern parse(String pattern) {
        return parse(pattern, null);
    }

    /**
     * @param pattern {@code alice}, {@code alice@example.com} or {@code sip:alice@example.com}
     * @param ownDomain the receiver's own domain (the host of its address of record), which a bare
     *        name means; null when unknown (a bare name is then refused)
     * @throws IllegalArgumentException when it is empty, holds white space or control characters,
     *         or is a bare name without a known own domain
     */
    public static SenderPattern parse(String pattern, String ownDomain) {
        Objects.requireNonNull(pattern, "pattern");
        String aor = reduce(pattern.strip());
        if (aor.isEmpty() || aor.startsWith("@") || aor.endsWith("@")
                || aor.chars().anyMatch(c -> c <= ' ' || c == 0x7F || c == ',')) {
            throw new IllegalArgumentException("Not a sender: '" + pattern
                    + "'; write alice, alice@example.com or sip:alice@example.com");
        }
        int at = aor.lastIndexOf('@');
        if (at >= 0) {
            return new SenderPattern(aor.substring(0, at), hostOf(aor.substring(at + 1)).toLowerCase(Locale.ROOT));
        }
        if (ownDomain == null || ownDomain.isBlank()) {
            throw new IllegalArgumentException("Not a full address: '" + pattern
                    + "'; write alice@example.com (a bare name means a user of your own domain, which is not known here)");
        }
        return new SenderPattern(aor, hostOf(ownDomain.strip()).toLowerCase(Locale.ROOT));
    }

    /** @return the host of a domain given as {@code host}, {@code host:port} or {@code [v6]:port} */
    private static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            int end = domain.indexOf(']');
            return end > 0 ? domain.substring(0, end + 1) : domain;
        }
        int colon = domain.indexOf(':');
        return colon >= 0 && domain.indexOf(':', colon + 1) < 0 ? domain.substring(0, colon) : domain;
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
        return user.equals(aor.substring(0, at)) && host.equals(hostOf(aor.substring(at + 1)).toLowerCase(Locale.ROOT));
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
        return user + "@" + host;
    }
}
