package org.sipdrop.negotiation.internal.sdp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The filename-string of RFC 5547 §6, used for the file name and for media type parameter values
 * inside {@code a=file-selector}:
 *
 * <pre>
 * filename-string = 1*(filename-char / percent-encoded)
 * filename-char   = %x01-09 / %x0B-0C / %x0E-21 / %x23-24 / %x26-FF
 *                   ; any byte except NUL, CR, LF, double quotes, or percent
 * percent-encoded = "%" HEXDIG HEXDIG
 * </pre>
 *
 * The bytes are UTF-8. Encoding escapes the five bytes the grammar excludes and, beyond that,
 * every other control character, so a name can neither end its quotes nor start an SDP line.
 */
final class PercentCoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentCoding() {
    }

    /** @return {@code text} as a filename-string */
    static String encode(String text) {
        StringBuilder b = new StringBuilder(text.length() + 8);
        text.codePoints().forEach(c -> {
            if (c == '"' || c == '%' || c < 0x20 || c == 0x7F) {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /**
     * Decodes a filename-string (without its quotes).
     *
     * @param what what the string is, for the error message
     */
    static String decode(String encoded, String what) throws SdpException {
        if (encoded.isEmpty()) {
            throw SdpException.malformed(what + " is empty (RFC 5547 §6: filename-string = 1*(...))");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (lo < 0) {
                    throw SdpException.malformed(what + " has '%' not followed by two hex digits (RFC 5547 §6): "
                            + SdpException.quote(encoded));
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c == '"' || c == 0 || c == '\r' || c == '\n') {
                throw SdpException.malformed(what + " holds a raw double quote, NUL, CR or LF (RFC 5547 §6): "
                        + SdpException.quote(encoded));
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < encoded.length() ? i + 2 : i + 1;
                bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw SdpException.malformed(what + " is not UTF-8 once percent-decoded (RFC 5547 §6): "
                    + SdpException.quote(encoded));
        }
    }
}
