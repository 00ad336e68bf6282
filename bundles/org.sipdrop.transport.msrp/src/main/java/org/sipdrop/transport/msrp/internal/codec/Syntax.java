package org.sipdrop.transport.msrp.internal.codec;

/**
 * Character classes of the MSRP formal syntax (RFC 4975 §9), shared by the parsers and the
 * builders so that what we accept and what we emit follow the same grammar.
 */
final class Syntax {

    /** Minimum length of an {@code ident}: {@code ident = ALPHANUM 3*31ident-char} (RFC 4975 §9). */
    static final int IDENT_MIN = 4;

    /** Maximum length of an {@code ident} (RFC 4975 §9). */
    static final int IDENT_MAX = 32;

    private Syntax() {
    }

    static boolean isAlpha(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlphanum(int c) {
        return isAlpha(c) || isDigit(c);
    }

    /** {@code unreserved} of RFC 3986 §2.3. */
    static boolean isUnreserved(int c) {
        return isAlphanum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }

    /** {@code ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="} (RFC 4975 §9). */
    static boolean isIdentChar(int c) {
        return isAlphanum(c) || c == '.' || c == '-' || c == '+' || c == '%' || c == '=';
    }

    /** {@code token} characters of RFC 4975 §9. */
    static boolean isTokenChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D
                || c == 0x2E || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A)
                || (c >= 0x5E && c <= 0x7E);
    }

    /** {@code ident} (transaction ids, Message-ID values; RFC 4975 §9). */
    static boolean isIdent(String s) {
        if (s == null || s.length() < IDENT_MIN || s.length() > IDENT_MAX || !isAlphanum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code hname = ALPHA *token} (RFC 4975 §9). */
    static boolean isHeaderName(String s) {
        return s != null && !s.isEmpty() && isAlpha(s.charAt(0)) && (s.length() == 1 || isToken(s.substring(1)));
    }

    /** {@code utf8text = *(HTAB / %x20-7E / UTF8-NONASCII)} (RFC 4975 §9), on decoded text. */
    static boolean isUtf8Text(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\t' && (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))) {
                return false;
            }
        }
        return true;
    }

    /** {@code 1*DIGIT} small enough for a long. */
    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code 1*UPALPHA}: an MSRP method name (RFC 4975 §9). */
    static boolean isMethod(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }
}
