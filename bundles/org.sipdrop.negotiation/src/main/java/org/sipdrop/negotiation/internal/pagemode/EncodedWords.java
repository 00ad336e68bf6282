package org.sipdrop.negotiation.internal.pagemode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded-words for unstructured header text such as Content-Description (RFC 2045
 * §8): text that is not printable US-ASCII (non-ASCII letters, or a CR/LF someone slipped in)
 * travels as {@code =?UTF-8?B?...?=}, so it can never break the header line.
 */
final class EncodedWords {

    /** RFC 2047 §2: an encoded-word is at most 75 characters; 45 bytes encode to 60 base64 characters. */
    private static final int BYTES_PER_WORD = 45;

    private static final Pattern WORD = Pattern.compile("=\\?([A-Za-z0-9_.:-]+)(?:\\*[A-Za-z-]+)?\\?([BbQq])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    /** @return {@code text} unchanged if it is printable US-ASCII, else as UTF-8 B encoded-words */
    static String encode(String text) {
        if (text.chars().allMatch(c -> c >= ' ' && c < 127) && !text.contains("=?")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream word = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (word.size() + b.length > BYTES_PER_WORD) {
                flush(out, word);
            }
            word.writeBytes(b);
            i += Character.charCount(cp);
        }
        flush(out, word);
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream word) {
        if (word.size() == 0) {
            return;
        }
        if (out.length() > 0) {
            out.append(' ');
        }
        out.append("=?UTF-8?B?").append(Base64.getEncoder().encodeToString(word.toByteArray())).append("?=");
        word.reset();
    }

    /** @return {@code text} with its encoded-words decoded; whitespace between adjacent words dropped (RFC 2047 §6.2) */
    static String decode(String text) throws PageModeException {
        Matcher m = WORD.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        boolean previousWasWord = false;
        while (m.find()) {
            String between = text.substring(last, m.start());
            if (!(previousWasWord && between.isBlank())) {
                out.append(between);
            }
            out.append(word(m.group(1), m.group(2), m.group(3)));
            last = m.end();
            previousWasWord = true;
        }
        return out.append(text.substring(last)).toString();
    }

    private static String word(String charset, String encoding, String data) throws PageModeException {
        Charset cs;
        if (charset.equalsIgnoreCase("UTF-8")) {
            cs = StandardCharsets.UTF_8;
        } else if (charset.equalsIgnoreCase("ISO-8859-1")) {
            cs = StandardCharsets.ISO_8859_1;
        } else if (charset.equalsIgnoreCase("US-ASCII")) {
            cs = StandardCharsets.US_ASCII;
        } else {
            throw new PageModeException("Encoded-word in unsupported charset '" + charset + "' (use UTF-8)");
        }
        byte[] bytes;
        if (encoding.equalsIgnoreCase("B")) {
            try {
                bytes = Base64.getDecoder().decode(data);
            } catch (IllegalArgumentException e) {
                throw new PageModeException("Encoded-word has bad base64: '" + data + "'", e);
            }
        } else {
            ByteArrayOutputStream q = new ByteArrayOutputStream();
            for (int i = 0; i < data.length(); i++) {
                char c = data.charAt(i);
                if (c == '_') {
                    q.write(' ');
                } else if (c == '=' && i + 2 < data.length()
                        && Character.digit(data.charAt(i + 1), 16) >= 0 && Character.digit(data.charAt(i + 2), 16) >= 0) {
                    q.write(Character.digit(data.charAt(i + 1), 16) * 16 + Character.digit(data.charAt(i + 2), 16));
                    i += 2;
                } else if (c == '=') {
                    throw new PageModeException("Encoded-word has a bad =XX escape: '" + data + "'");
                } else {
                    q.write(c);
                }
            }
            bytes = q.toByteArray();
        }
        return MimeHeaders.decodeText(bytes, cs);
    }
}
