package org.sipdrop.negotiation.internal.sdp;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the selectors of an {@code a=file-selector} value per the ABNF of RFC 5547 §6
 * ({@code selector *(SP selector)}), liberal where a strict reading would refuse a legal offer
 * for nothing: a hash selector may come once per algorithm (§6 asks receivers to be prepared
 * for several), a selector of an unknown kind ({@code token ":" value}, the value quoted or up
 * to the next space) is skipped, names are matched without regard to case (RFC 5234 §2.3:
 * ABNF strings are case-insensitive) and white space around selectors is ignored. Values of the
 * four known selectors are read strictly.
 */
final class FileSelectorReader {

    private final String text;
    private final Set<String> seen = new HashSet<>();
    private final FileSelector.Parts parts = new FileSelector.Parts();
    private int pos;

    FileSelectorReader(String text) {
        this.text = text;
    }

    FileSelector read() throws SdpException {
        skipWhiteSpace();
        while (pos < text.length()) {
            int colon = text.indexOf(':', pos);
            String key = colon < 0 ? "" : text.substring(pos, colon).toLowerCase(Locale.ROOT);
            if (!Tokens.isToken(key)) {
                throw fail("expected a selector such as name:, type:, size: or hash: but found "
                        + SdpException.quote(text.substring(pos)));
            }
            if (!key.equals("hash") && !seen.add(key)) {
                throw fail("the " + key + " selector appears twice");
            }
            pos = colon + 1;
            switch (key) {
                case "name" -> parts.name = PercentCoding.decode(quoted(), "file name");
                case "type" -> readType();
                case "size" -> parts.size = number(word(), "size");
                case "hash" -> readHash();
                default -> skipValue();
            }
            if (pos < text.length() && !isWhiteSpace(text.charAt(pos))) {
                throw fail("selectors are separated by a space, found " + SdpException.quote(text.substring(pos)));
            }
            skipWhiteSpace();
        }
        try {
            return parts.build();
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
    }

    /** Skips the value of a selector this code does not know: a quoted string, or up to the next space. */
    private void skipValue() throws SdpException {
        if (pos < text.length() && text.charAt(pos) == '"') {
            quoted();
        } else {
            while (pos < text.length() && !isWhiteSpace(text.charAt(pos))) {
                pos++;
            }
        }
    }

    private void skipWhiteSpace() {
        while (pos < text.length() && isWhiteSpace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWhiteSpace(char c) {
        return c == ' ' || c == '\t';
    }

    private String quoted() throws SdpException {
        if (pos >= text.length() || text.charAt(pos) != '"') {
            throw fail("a quoted string must start with a double quote");
        }
        int end = text.indexOf('"', pos + 1);
        if (end < 0) {
            throw fail("a quoted string has no closing double quote");
        }
        String inner = text.substring(pos + 1, end);
        pos = end + 1;
        return inner;
    }

    private String word() {
        int start = pos;
        while (pos < text.length() && !isWhiteSpace(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void readType() throws SdpException {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ';' && !isWhiteSpace(text.charAt(pos))) {
            pos++;
        }
        String type = text.substring(start, pos);
        if (!FileSelector.isMediaType(type)) {
            throw fail("type is not type/subtype: " + SdpException.quote(type));
        }
        parts.mediaType = type;
        while (pos < text.length() && text.charAt(pos) == ';') {
            int eq = text.indexOf('=', pos);
            String attr = eq < 0 ? "" : text.substring(pos + 1, eq);
            if (!Tokens.isMimeToken(attr)) {
                throw fail("a type parameter is attribute=\"value\", found " + SdpException.quote(text.substring(pos)));
            }
            pos = eq + 1;
            parts.parameters.put(attr, PercentCoding.decode(quoted(), "type parameter " + attr));
        }
    }

    private void readHash() throws SdpException {
        int colon = text.indexOf(':', pos);
        String algorithm = colon < 0 ? "" : text.substring(pos, colon);
        if (!Tokens.isToken(algorithm)) {
            throw fail("hash needs <algorithm>:<hex bytes>");
        }
        pos = colon + 1;
        String hex = word();
        if (hex.isEmpty() || (hex.length() + 1) % 3 != 0) {
            throw fail("hash value is hex bytes separated by colons: " + SdpException.quote(hex));
        }
        byte[] bytes = new byte[(hex.length() + 1) / 3];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(hex.charAt(3 * i), 16);
            int lo = Character.digit(hex.charAt(3 * i + 1), 16);
            if (hi < 0 || lo < 0 || (3 * i + 2 < hex.length() && hex.charAt(3 * i + 2) != ':')) {
                throw fail("hash value is hex bytes separated by colons: " + SdpException.quote(hex));
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        byte[] earlier = parts.hashes.put(algorithm.toLowerCase(Locale.ROOT), bytes);
        if (earlier != null && !java.util.Arrays.equals(earlier, bytes)) {
            throw fail("two different " + algorithm + " hashes");
        }
    }

    private long number(String digits, String what) throws SdpException {
        if (!Tokens.isDigits(digits)) {
            throw fail(what + " is a decimal number, found " + SdpException.quote(digits));
        }
        return Long.parseLong(digits);
    }

    private SdpException fail(String why) {
        return SdpException.malformed("bad a=file-selector (RFC 5547 §6): " + why);
    }
}
