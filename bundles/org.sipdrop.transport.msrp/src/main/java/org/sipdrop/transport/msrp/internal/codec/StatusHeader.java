package org.sipdrop.transport.msrp.internal.codec;

/**
 * The MSRP {@code Status} header {@code namespace SP status-code [SP comment]} (RFC 4975 §9),
 * carried by REPORT requests (§7.1.2).
 *
 * @param namespace three-digit namespace, {@link #MSRP_NAMESPACE} for MSRP codes
 * @param code three-digit status code
 * @param comment optional reason text, or {@code null}
 */
public record StatusHeader(int namespace, int code, String comment) {

    /** Namespace {@code 000}: the status code is an MSRP status code (RFC 4975 §9). */
    public static final int MSRP_NAMESPACE = 0;

    /** Validates the three-digit fields and the comment text (RFC 4975 §9). */
    public StatusHeader {
        if (namespace < 0 || namespace > 999 || code < 0 || code > 999) {
            throw new IllegalArgumentException("Status namespace and code must be 3 digits: " + namespace + " " + code);
        }
        if (comment != null && !Syntax.isUtf8Text(comment)) {
            throw new IllegalArgumentException("Status comment contains control characters");
        }
    }

    /**
     * @param code an MSRP status code
     * @return a status in namespace 000 with the usual reason phrase
     */
    public static StatusHeader msrp(int code) {
        return new StatusHeader(MSRP_NAMESPACE, code, MsrpStatus.reason(code));
    }

    /**
     * @param value e.g. {@code 000 200 OK}
     * @return the parsed header
     * @throws IllegalArgumentException if it does not follow RFC 4975 §9
     */
    public static StatusHeader parse(String value) {
        if (value.length() < 7 || value.charAt(3) != ' ' || !threeDigits(value, 0) || !threeDigits(value, 4)
                || (value.length() > 7 && value.charAt(7) != ' ')) {
            throw new IllegalArgumentException("Status must be 'namespace code [comment]', was '" + value + "'");
        }
        String comment = value.length() > 8 ? value.substring(8) : null;
        return new StatusHeader(Integer.parseInt(value.substring(0, 3)), Integer.parseInt(value.substring(4, 7)),
                comment);
    }

    static boolean threeDigits(String s, int at) {
        return s.length() >= at + 3 && Syntax.isDigit(s.charAt(at)) && Syntax.isDigit(s.charAt(at + 1))
                && Syntax.isDigit(s.charAt(at + 2));
    }

    /** @return the header value, e.g. {@code 000 200 OK} */
    @Override
    public String toString() {
        return String.format("%03d %03d", namespace, code) + (comment == null ? "" : " " + comment);
    }
}
