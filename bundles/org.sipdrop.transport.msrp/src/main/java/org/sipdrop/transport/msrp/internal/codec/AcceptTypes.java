package org.sipdrop.transport.msrp.internal.codec;

import java.util.List;
import java.util.Locale;

/**
 * The media types this side said it accepts in its SDP (a=accept-types, RFC 4975 §8.6): an
 * explicit type, {@code type/*}, or {@code *} for any. A SEND of another type is answered 415
 * (RFC 4975 §7.3.1).
 */
public final class AcceptTypes {

    /** Accepts anything: {@code a=accept-types:*}. */
    public static final AcceptTypes ANY = new AcceptTypes(List.of("*"));

    private final List<String> types;

    private AcceptTypes(List<String> types) {
        this.types = types.stream().map(AcceptTypes::bare).toList();
    }

    /**
     * @param attribute the value of a=accept-types, types separated by spaces, or null for {@link #ANY}
     */
    public static AcceptTypes parse(String attribute) {
        if (attribute == null || attribute.isBlank()) {
            return ANY;
        }
        return new AcceptTypes(List.of(attribute.trim().split("\\s+")));
    }

    /** @return whether {@code contentType} (parameters aside, case-insensitive) is accepted */
    public boolean accepts(String contentType) {
        String t = bare(contentType);
        String major = t.contains("/") ? t.substring(0, t.indexOf('/')) : t;
        return types.contains("*") || types.contains(t) || types.contains(major + "/*");
    }

    private static String bare(String type) {
        int semi = type.indexOf(';');
        return (semi < 0 ? type : type.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return String.join(" ", types);
    }
}
