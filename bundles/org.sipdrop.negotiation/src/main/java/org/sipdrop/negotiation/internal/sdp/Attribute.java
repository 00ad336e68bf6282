package org.sipdrop.negotiation.internal.sdp;

import java.util.Objects;

/**
 * One SDP attribute, {@code a=<name>} or {@code a=<name>:<value>} (RFC 4566 §5.13, §9:
 * {@code attribute = (att-field ":" att-value) / att-field}). Attributes this codec does not know
 * are kept as they came, so a round trip does not lose them.
 *
 * @param name the att-field, a token
 * @param value the att-value, or {@code null} for a property attribute such as {@code a=sendonly}
 */
public record Attribute(String name, String value) {

    public Attribute {
        Objects.requireNonNull(name, "name");
        if (!Tokens.isToken(name)) {
            throw new IllegalArgumentException("An SDP attribute name is a token (RFC 4566 §9), got " + SdpException.quote(name));
        }
        if (value != null) {
            Sdp.requireLineSafe(value, "a=" + name + " value");
        }
    }

    /** @return a property attribute without value */
    public static Attribute flag(String name) {
        return new Attribute(name, null);
    }

    /** Parses the text after {@code a=}. */
    static Attribute parse(String text) throws SdpException {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        if (!Tokens.isToken(name)) {
            throw SdpException.malformed("a= line does not start with an attribute name (RFC 4566 §5.13): "
                    + SdpException.quote(text));
        }
        return new Attribute(name, colon < 0 ? null : text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }
}
