package org.sipdrop.negotiation.internal.sdp;

import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link Sdp} in the line order of RFC 4566 §5, each line ended by CRLF, as UTF-8
 * (RFC 4566 §5: the default charset is UTF-8).
 */
public final class SdpWriter {

    /** RFC 4566 §5: "&lt;type&gt;=&lt;value&gt;" lines end with CRLF. */
    static final String CRLF = "\r\n";

    private SdpWriter() {
    }

    /** @return the body as UTF-8 bytes, ready for a SIP message with Content-Type application/sdp */
    public static byte[] toBytes(Sdp sdp) {
        return write(sdp).getBytes(StandardCharsets.UTF_8);
    }

    /** @return the body as text */
    public static String write(Sdp sdp) {
        StringBuilder b = new StringBuilder(512);
        line(b, 'v', "0");
        line(b, 'o', sdp.origin().toString());
        line(b, 's', sdp.sessionName());
        sdp.information().ifPresent(i -> line(b, 'i', i));
        extras(b, sdp, "uep");
        sdp.connection().ifPresent(c -> line(b, 'c', c.toString()));
        extras(b, sdp, "b");
        sdp.timing().forEach(f -> line(b, f.type(), f.value()));
        extras(b, sdp, "z");
        extras(b, sdp, "k");
        sdp.attributes().forEach(a -> line(b, 'a', a.toString()));
        sdp.media().forEach(m -> b.append(writeMedia(m)));
        return b.toString();
    }

    /** @return the lines of one media description, each ended by CRLF */
    static String writeMedia(MediaDescription m) {
        StringBuilder b = new StringBuilder(256);
        String port = m.portCount() > 0 ? m.port() + "/" + m.portCount() : Integer.toString(m.port());
        line(b, 'm', m.media() + " " + port + " " + m.proto() + " " + String.join(" ", m.formats()));
        m.information().ifPresent(i -> line(b, 'i', i));
        m.connection().ifPresent(c -> line(b, 'c', c.toString()));
        m.extraFields().stream().filter(f -> f.type() == 'b').forEach(f -> line(b, 'b', f.value()));
        m.extraFields().stream().filter(f -> f.type() == 'k').forEach(f -> line(b, 'k', f.value()));
        m.attributes().forEach(a -> line(b, 'a', a.toString()));
        return b.toString();
    }

    private static void extras(StringBuilder b, Sdp sdp, String types) {
        for (char t : types.toCharArray()) {
            sdp.extraFields().stream().filter(f -> f.type() == t).forEach(f -> line(b, t, f.value()));
        }
    }

    private static void line(StringBuilder b, char type, String value) {
        b.append(type).append('=').append(Sdp.requireLineSafe(value, type + "= value")).append(CRLF);
    }
}
