package org.sipdrop.negotiation.internal.pagemode;

/** Escapes text for XML 1.0 character data and attribute values (XML 1.0 §2.4, §3.3.3). */
final class XmlText {

    private XmlText() {
    }

    /**
     * @return {@code text} with {@code & < > " '} escaped, and CR/TAB/LF in attributes as
     *         character references so they survive attribute-value normalisation
     * @throws IllegalArgumentException if {@code text} holds a character XML 1.0 §2.2 forbids
     */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&apos;"); break;
                case '\r': sb.append("&#13;"); break;
                case '\n': sb.append("&#10;"); break;
                case '\t': sb.append("&#9;"); break;
                default:
                    if (c < ' ' || c == 0xfffe || c == 0xffff) {
                        throw new IllegalArgumentException("XML 1.0 cannot carry character U+"
                                + String.format("%04X", (int) c));
                    }
                    sb.append(c);
            }
        }
        return sb.toString();
    }
}
