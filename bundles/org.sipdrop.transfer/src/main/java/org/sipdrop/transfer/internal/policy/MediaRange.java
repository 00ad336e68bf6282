package org.sipdrop.transfer.internal.policy;

import java.util.Locale;
import java.util.Objects;

/**
 * A media type pattern as in an HTTP Accept header (RFC 9110 §12.5.1): {@code image/png},
 * {@code image/*} or {@code *}{@code /*}, compared case-insensitively (RFC 2045 §5.1). Parameters
 * of the offered type ({@code ;charset=...}) are ignored when matching.
 */
public final class MediaRange {

    private static final String WILDCARD = "*";

    private final String type;
    private final String subtype;

    private MediaRange(String type, String subtype) {
        this.type = type;
        this.subtype = subtype;
    }

    /**
     * @param range {@code type/subtype}, {@code type/*} or {@code *}{@code /*}
     * @throws IllegalArgumentException for anything else, e.g. {@code *}{@code /png} or {@code image}
     */
    public static MediaRange parse(String range) {
        Objects.requireNonNull(range, "range");
        String r = range.strip().toLowerCase(Locale.ROOT);
        int slash = r.indexOf('/');
        String type = slash < 0 ? "" : r.substring(0, slash);
        String subtype = slash < 0 ? "" : r.substring(slash + 1);
        if (!isToken(type) || !isToken(subtype) || (type.equals(WILDCARD) && !subtype.equals(WILDCARD))) {
            throw new IllegalArgumentException("Not a media type pattern: '" + range
                    + "'; write type/subtype, type/* or */*, e.g. image/*");
        }
        return new MediaRange(type, subtype);
    }

    /** @param mediaType an offered type such as {@code image/png} or {@code text/plain;charset=utf-8} */
    public boolean matches(String mediaType) {
        if (mediaType == null) {
            return false;
        }
        String t = mediaType.toLowerCase(Locale.ROOT);
        int semi = t.indexOf(';');
        if (semi >= 0) {
            t = t.substring(0, semi);
        }
        t = t.strip();
        int slash = t.indexOf('/');
        if (slash < 0) {
            return false;
        }
        return (type.equals(WILDCARD) || type.equals(t.substring(0, slash)))
                && (subtype.equals(WILDCARD) || subtype.equals(t.substring(slash + 1)));
    }

    private static boolean isToken(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c > ' ' && c < 0x7F && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0);
    }

    @Override
    public String toString() {
        return type + "/" + subtype;
    }
}
