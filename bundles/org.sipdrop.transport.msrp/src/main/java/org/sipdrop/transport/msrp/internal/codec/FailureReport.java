package org.sipdrop.transport.msrp.internal.codec;

import java.util.Locale;

/**
 * {@code Failure-Report = "Failure-Report:" SP ("yes" / "no" / "partial")} (RFC 4975 §9,
 * meaning in §7.1.1: {@code no} also suppresses the transaction response).
 */
public enum FailureReport {

    /** The default: failure REPORTs and responses are wanted (RFC 4975 §7.1.1). */
    YES,

    /** No failure REPORTs and no responses (RFC 4975 §7.1.1). */
    NO,

    /** Failure REPORTs but no 200 responses (RFC 4975 §7.1.1). */
    PARTIAL;

    /** @return the header value as written on the wire */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value header value
     * @return the parsed value
     * @throws IllegalArgumentException if it is not {@code yes}, {@code no} or {@code partial}
     */
    public static FailureReport parse(String value) {
        // RFC 4975 §9's ABNF literals are case-insensitive (RFC 5234 §2.3)
        switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "yes":
                return YES;
            case "no":
                return NO;
            case "partial":
                return PARTIAL;
            default:
                throw new IllegalArgumentException(
                        "Failure-Report must be 'yes', 'no' or 'partial', was '" + value + "'");
        }
    }
}
