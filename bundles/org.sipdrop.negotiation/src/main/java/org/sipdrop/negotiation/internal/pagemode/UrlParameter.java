package org.sipdrop.negotiation.internal.pagemode;

/**
 * The {@code URL} parameter of the URL access-type, RFC 2017 §3.1:
 *
 * <pre>
 * URL-parameter := &lt;"&gt; URL-word *(*LWSP-char URL-word) &lt;"&gt;
 * URL-word := token   ; Must not exceed 40 characters in length
 * </pre>
 *
 * A URL can be any length, but a MIME header line should not (RFC 5322 §2.1.1: 78 characters,
 * 998 at most), so the writer breaks the URL into words of at most 40 characters separated by
 * spaces, where the header may be folded; the reader removes the quotes (done by
 * {@link MimeValue}) and all linear white space. Pure functions.
 */
final class UrlParameter {

    /** Longest URL-word, RFC 2017 §3.1. */
    static final int MAX_WORD = 40;

    private UrlParameter() {
    }

    /**
     * RFC 2017 §3.1 steps (2) and (3): the URL as URL-words of at most {@value #MAX_WORD}
     * characters separated by one space (the caller quotes it).
     *
     * @param url a URL in which step (1) is already done: no SPACE, CTL, double quote, backslash
     *            or 8-bit character ({@link java.net.URI#toASCIIString()} guarantees it)
     */
    static String words(String url) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 127 || c == '"' || c == '\\') {
                throw new IllegalArgumentException("RFC 2017 §3.1 (1): the URL must have SPACE, CTLs, quotes, "
                        + "backslashes and 8-bit characters URL-encoded, found " + String.format("U+%04X", (int) c));
            }
        }
        StringBuilder sb = new StringBuilder(url.length() + url.length() / MAX_WORD);
        for (int i = 0; i < url.length(); i += MAX_WORD) {
            sb.append(i == 0 ? "" : " ").append(url, i, Math.min(url.length(), i + MAX_WORD));
        }
        return sb.toString();
    }

    /** RFC 2017 §3.1: "The enclosing quotes and any linear whitespace are removed"; @return the URL string */
    static String url(String unquotedParameter) {
        return unquotedParameter.replaceAll("[ \t\r\n]+", "");
    }
}
