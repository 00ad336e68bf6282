package org.sipdrop.negotiation.internal.sdp;

/**
 * One SDP line kept verbatim: a type letter and its value (RFC 4566 §5, {@code <type>=<value>}).
 * Used for the fields this codec does not interpret (u=, e=, p=, b=, r=, z=, k=) and for t=.
 */
public record Field(char type, String value) {

    public Field {
        if (type < 'a' || type > 'z') {
            throw new IllegalArgumentException("An SDP type is one lower-case letter (RFC 4566 §5), got '" + type + "'");
        }
        Sdp.requireLineSafe(value, type + "= value");
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
