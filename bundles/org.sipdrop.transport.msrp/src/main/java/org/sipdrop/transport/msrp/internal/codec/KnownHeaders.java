package org.sipdrop.transport.msrp.internal.codec;

/** Value syntax of the header fields RFC 4975 §9 and RFC 4976 §6 define. */
final class KnownHeaders {

    private KnownHeaders() {
    }

    /** @return true for fields that may appear at most once in a frame (RFC 4975 §9 grammar) */
    static boolean isSingle(String lowerName) {
        switch (lowerName) {
            case "message-id":
            case "byte-range":
            case "success-report":
            case "failure-report":
            case "status":
            case "content-type":
            case "use-path":
            case "expires":
            case "min-expires":
            case "max-expires":
                return true;
            default:
                return false;
        }
    }

    /**
     * @param lowerName header name in lower case
     * @param value header value
     * @throws IllegalArgumentException if a known field's value is malformed
     */
    static void validate(String lowerName, String value) {
        switch (lowerName) {
            case "message-id":
                if (!Syntax.isIdent(value)) {
                    throw new IllegalArgumentException("Message-ID must be an ident of 4..32 characters (RFC 4975 §9): '"
                            + value + "'");
                }
                break;
            case "byte-range":
                ByteRange.parse(value);
                break;
            case "success-report":
                SuccessReport.parse(value);
                break;
            case "failure-report":
                FailureReport.parse(value);
                break;
            case "status":
                StatusHeader.parse(value);
                break;
            case "content-type":
                checkMediaType(value);
                break;
            case "use-path":
                MsrpUri.parsePath(value, Integer.MAX_VALUE);
                break;
            case "expires":
            case "min-expires":
            case "max-expires":
                if (!Syntax.isNumber(value)) {
                    throw new IllegalArgumentException(lowerName + " must be a number of seconds (RFC 4976 §6): '"
                            + value + "'");
                }
                break;
            default:
                break;
        }
    }

    /** {@code media-type = type "/" subtype *( ";" gen-param )} (RFC 4975 §9). */
    static void checkMediaType(String value) {
        int semi = value.indexOf(';');
        String type = semi < 0 ? value : value.substring(0, semi);
        int slash = type.indexOf('/');
        if (slash < 0 || !Syntax.isToken(type.substring(0, slash)) || !Syntax.isToken(type.substring(slash + 1))) {
            throw new IllegalArgumentException("Content-Type must be type/subtype (RFC 4975 §9): '" + value + "'");
        }
    }
}
