package org.sipdrop.negotiation.internal.sdp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Strict, bounded parser of SDP (RFC 4566). Lines end with CRLF; a lone LF is accepted on input
 * (RFC 4566 §5 asks parsers to), a lone CR is not. The line order of RFC 4566 §5 is enforced, and
 * a type letter this parser does not know rejects the whole description, as RFC 4566 §5 demands.
 * Unknown attributes are kept verbatim. Every violation raises {@link SdpException} with 400.
 * An empty {@code s=} is accepted on input because the examples of RFC 5547 §9 use it, although
 * RFC 4566 §5.3 asks for at least one character; {@link Sdp.Builder} writes {@code s=-}.
 * <p>
 * Stateless and thread-safe; one instance serves any number of parses.
 */
public final class SdpParser {

    /** Session-level type letters in the order RFC 4566 §5 requires (t= and r= share one place). */
    private static final String SESSION_ORDER = "vosiuepcbtzka";
    /** Session-level letters that may repeat (RFC 4566 §5 marks them "*" and allows several). */
    private static final String SESSION_REPEATABLE = "epbtra";
    /** Media-level type letters in the order RFC 4566 §5 requires, after m=. */
    private static final String MEDIA_ORDER = "icbka";
    private static final String MEDIA_REPEATABLE = "ba";

    private final SdpLimits limits;

    public SdpParser(SdpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** @return a parser with {@link SdpLimits#DEFAULT} */
    public static SdpParser withDefaults() {
        return new SdpParser(SdpLimits.DEFAULT);
    }

    /** Parses a body received on the wire; it must be valid UTF-8 (RFC 4566 §5). */
    public Sdp parse(byte[] body) throws SdpException {
        if (body.length > limits.maxBytes()) {
            throw SdpException.malformed("SDP body has " + body.length + " bytes, more than the "
                    + limits.maxBytes() + " accepted");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return parseText(text);
        } catch (CharacterCodingException e) {
            throw SdpException.malformed("SDP body is not valid UTF-8 (RFC 4566 §5)");
        }
    }

    /** Parses a body already decoded to text. */
    public Sdp parse(String body) throws SdpException {
        if (body.length() > limits.maxBytes()) {
            throw SdpException.malformed("SDP body has " + body.length() + " characters, more than the "
                    + limits.maxBytes() + " accepted");
        }
        return parseText(body);
    }

    private Sdp parseText(String text) throws SdpException {
        List<String> lines = splitLines(text);
        if (lines.isEmpty() || !lines.get(0).equals("v=0")) {
            throw SdpException.malformed("SDP must start with v=0 (RFC 4566 §5.1)");
        }
        Sdp.Builder session = null;
        MediaDescription.Builder media = null;
        String sessionName = null;
        boolean timed = false;
        int rank = 0;
        char previous = 'v';
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            char type = line.charAt(0);
            String value = line.substring(2);
            String where = " at line " + (n + 1);
            if (type == 'm') {
                if (session == null || sessionName == null || !timed) {
                    throw SdpException.malformed("m= line before the o=, s= and t= lines" + where + " (RFC 4566 §5)");
                }
                if (media != null) {
                    session.media(media.build());
                }
                media = parseMediaLine(value, where);
                rank = -1;
            } else if (media != null) {
                rank = checkOrder(MEDIA_ORDER, MEDIA_REPEATABLE, type, rank, "a media description", where);
                mediaLine(media, type, value, where);
            } else {
                int next = checkOrder(SESSION_ORDER, SESSION_REPEATABLE, type == 'r' ? 't' : type, rank,
                        "the session description", where);
                if (type == 'r' && previous != 't' && previous != 'r') {
                    throw SdpException.malformed("r= line not after a t= line" + where + " (RFC 4566 §5.10)");
                }
                rank = next;
                if (type == 'o') {
                    session = Sdp.builder(Origin.parse(value));
                    continue;
                }
                if (session == null) {
                    throw SdpException.malformed("o= line missing after v=0" + where + " (RFC 4566 §5.2)");
                }
                if (type == 's') {
                    sessionName = value;
                    session.sessionName(value);
                } else if (type == 't' || type == 'r') {
                    timed |= type == 't';
                    session.timing(timing(type, value, where));
                } else {
                    sessionLine(session, type, value, where);
                }
            }
            previous = type;
        }
        if (session == null || sessionName == null || !timed) {
            throw SdpException.malformed("SDP lacks one of the mandatory o=, s=, t= lines (RFC 4566 §5)");
        }
        if (media != null) {
            session.media(media.build());
        }
        return checkConnection(session.build());
    }

    private List<String> splitLines(String text) throws SdpException {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                throw SdpException.malformed("CR not followed by LF in line " + (lines.size() + 1) + " (RFC 4566 §5)");
            }
            if (c == '\n' || c == '\r') {
                addLine(lines, text.substring(start, i));
                i += c == '\r' ? 2 : 1;
                start = i;
            } else {
                if (c == 0) {
                    throw SdpException.malformed("NUL in line " + (lines.size() + 1) + " (RFC 4566 §9)");
                }
                if (i - start >= limits.maxLineLength()) {
                    throw SdpException.malformed("line " + (lines.size() + 1) + " is longer than "
                            + limits.maxLineLength() + " characters");
                }
                i++;
            }
        }
        if (start < text.length()) {
            addLine(lines, text.substring(start));
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
                throw SdpException.malformed("line " + (n + 1) + " is not <type>=<value> (RFC 4566 §5): "
                        + SdpException.quote(line));
            }
        }
        return lines;
    }

    private void addLine(List<String> lines, String line) throws SdpException {
        if (lines.size() >= limits.maxLines()) {
            throw SdpException.malformed("SDP has more than " + limits.maxLines() + " lines");
        }
        lines.add(line);
    }

    /** @return the rank of {@code type} after checking it may follow the line of rank {@code rank} */
    private static int checkOrder(String order, String repeatable, char type, int rank, String section, String where)
            throws SdpException {
        int next = order.indexOf(type);
        if (next < 0) {
            throw SdpException.malformed((SESSION_ORDER.indexOf(type) >= 0 || type == 'r' ? "'" + type
                    + "=' line is not allowed in " + section : "unknown SDP line type '" + type + "='") + where
                    + " (RFC 4566 §5)");
        }
        if (next < rank) {
            throw SdpException.malformed("'" + type + "=' line out of order in " + section + where + " (RFC 4566 §5)");
        }
        if (next == rank && repeatable.indexOf(type) < 0) {
            throw SdpException.malformed("more than one '" + type + "=' line in " + section + where + " (RFC 4566 §5)");
        }
        return next;
    }

    private static void sessionLine(Sdp.Builder session, char type, String value, String where) throws SdpException {
        switch (type) {
            case 'i' -> session.information(value);
            case 'c' -> session.connection(ConnectionData.parse(value));
            case 'a' -> session.attribute(Attribute.parse(value));
            case 'v' -> throw SdpException.malformed("more than one v= line" + where + " (RFC 4566 §5.1)");
            default -> session.extraField(new Field(type, value));
        }
    }

    private static void mediaLine(MediaDescription.Builder media, char type, String value, String where)
            throws SdpException {
        switch (type) {
            case 'i' -> media.information(value);
            case 'c' -> media.connection(ConnectionData.parse(value));
            case 'a' -> media.attribute(Attribute.parse(value));
            default -> media.extraField(new Field(type, value));
        }
    }

    private static Field timing(char type, String value, String where) throws SdpException {
        String[] f = value.split(" ", -1);
        boolean ok = type == 't' ? f.length == 2 && Tokens.isDigits(f[0]) && Tokens.isDigits(f[1]) : f.length >= 3;
        if (!ok) {
            throw SdpException.malformed("bad " + type + "= line" + where + " (RFC 4566 §5.9): " + SdpException.quote(value));
        }
        return new Field(type, value);
    }

    /** Parses the value of an m= line (RFC 4566 §5.14). */
    private static MediaDescription.Builder parseMediaLine(String value, String where) throws SdpException {
        String[] f = value.split(" ", -1);
        if (f.length < 4) {
            throw SdpException.malformed("m= line needs <media> <port> <proto> <fmt>" + where + " (RFC 4566 §5.14): "
                    + SdpException.quote(value));
        }
        String[] port = f[1].split("/", -1);
        if (port.length > 2 || !Tokens.isDigits(port[0]) || port[0].length() > 5
                || Integer.parseInt(port[0]) > 65535 || (port.length == 2 && !Tokens.isDigits(port[1]))) {
            throw SdpException.malformed("bad m= port " + SdpException.quote(f[1]) + where + " (RFC 4566 §5.14)");
        }
        try {
            String[] formats = java.util.Arrays.copyOfRange(f, 3, f.length);
            MediaDescription.Builder b = MediaDescription.builder(f[0], Integer.parseInt(port[0]), f[2], formats);
            b.build();
            if (port.length == 2) {
                if (port[1].length() > 5) {
                    throw new IllegalArgumentException("too many ports");
                }
                b.portCount(Integer.parseInt(port[1]));
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw SdpException.malformed("bad m= line" + where + ": " + e.getMessage());
        }
    }

    /** RFC 4566 §5.7: a c= line at session level or in every media description. */
    private static Sdp checkConnection(Sdp sdp) throws SdpException {
        if (sdp.connection().isEmpty()) {
            for (int i = 0; i < sdp.media().size(); i++) {
                if (sdp.media().get(i).connection().isEmpty()) {
                    throw SdpException.malformed("no c= line at session level nor in media description " + (i + 1)
                            + " (RFC 4566 §5.7)");
                }
            }
        }
        return sdp;
    }
}
