package org.sipdrop.transport.msrp.internal.codec;

import java.util.Locale;

/** {@code Success-Report = "Success-Report:" SP ("yes" / "no")} (RFC 4975 §9, meaning in §7.1.1). */
public enum SuccessReport {

    /** The sender wants a REPORT once the whole message arrived (RFC 4975 §7.1.1). */
    YES,

    /** The default: no success REPORT (RFC 4975 §7.1.1). */
    NO;

    /** @return the header value as written on the wire */
    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param value header value
     * @return the parsed value
     * @throws IllegalArgumentException if it is neither {@code yes} nor {@code no}
     */
    public static SuccessReport parse(String value) {
        // RFC 4975 §9's ABNF gives "yes" / "no" as quoted strings, which RFC 5234 §2.3 makes case-insensitive
        if ("yes".equalsIgnoreCase(value)) {
            return YES;
        }
        if ("no".equalsIgnoreCase(value)) {
            return NO;
        }
        throw new IllegalArgumentException("Success-Report must be 'yes' or 'no', was '" + value + "'");
    }
}
