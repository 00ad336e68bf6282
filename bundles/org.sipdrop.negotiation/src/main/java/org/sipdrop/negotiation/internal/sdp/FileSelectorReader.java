package org.sipdrop.negotiation.internal.sdp;

import java.util.HashSet;
import java.util.Set;

/** Reads the selectors of an {@code a=file-selector} value, strictly per the ABNF of RFC 5547 §6. */
final class FileSelectorReader {

    private final String text;
    private final Set<String> seen = new HashSet<>();
    private final FileSelector.Parts parts = new FileSelector.Parts();
    private int pos;

    FileSelectorReader(String text) {
        this.text = text;
    }

    FileSelector read() throws SdpException {
        while (true) {
            int colon = text.indexOf(':', pos);
            String key = colon < 0 ? text.substring(pos) : text.substring(pos, colon);
            if (colon < 0 || !(key.equals("name") || key.equals("type") || key.equals("size") || key.equals("hash"))) {
                throw fail("expected name:, type:, size: or hash: but found " + SdpException.quote(text.substring(pos)));
            }
            if (!seen.add(key)) {
                throw fail("the " + key + " selector appears twice");
            }
            pos = colon + 1;
            switch (key) {
                case "name" -> parts.name = PercentCoding.decode(quoted(), "file name");
                case "type" -> readType();
                case "size" -> parts.size = number(word(), "size");
                default -> readHash();
            }
            if (pos == text.length()) {
                break;
            }
            if (text.charAt(pos) != ' ' || pos + 1 == text.length()) {
                throw fail("selectors are separated by a single space, found " + SdpException.quote(text.substring(pos)));
            }
            pos++;
        }
        try {
            return parts.build();
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage());
        }
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
        int end = text.indexOf(' ', pos);
        String w = end < 0 ? text.substring(pos) : text.substring(pos, end);
        pos += w.length();
        return w;
    }

    private void readType() throws SdpException {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ';' && text.charAt(pos) != ' ') {
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
        parts.hashAlgorithm = algorithm;
        parts.hash = bytes;
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
