package org.sipdrop.negotiation.internal.sdp;

import static org.sipdrop.negotiation.internal.sdp.AttributeNames.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The typed view of one {@code m=message ... TCP/MSRP *} line that transfers a file
 * (RFC 5547 §6, §8; RFC 4975 §8): direction, file attributes, MSRP attributes. The proto is
 * MSRP's ({@code TCP/MSRP}, {@code TCP/TLS/MSRP}) or that of another session transport, whose
 * a=path then holds its own URIs. Attributes it does
 * not model are kept verbatim in {@link #other()}. Immutable.
 */
public record FileStream(int port, String proto, StreamDirection direction, FileSelector selector,
        String transferId, String disposition, FileDate date, String icon, FileRange range,
        String information, List<String> path, List<String> acceptTypes, List<String> acceptWrappedTypes,
        long maxSize, SetupRole setup, ConnectionMode connectionMode, List<Attribute> other) {

    private static final Set<String> MODELLED = Set.of(FILE_SELECTOR, FILE_TRANSFER_ID, FILE_DISPOSITION,
            FILE_DATE, FILE_ICON, FILE_RANGE, PATH, ACCEPT_TYPES, ACCEPT_WRAPPED_TYPES, MAX_SIZE, SETUP, CONNECTION,
            "sendonly", "recvonly", "sendrecv", "inactive");

    public FileStream {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(proto, "proto");
        path = List.copyOf(path);
        acceptTypes = List.copyOf(acceptTypes);
        acceptWrappedTypes = List.copyOf(acceptWrappedTypes);
        other = List.copyOf(other);
        if (transferId != null && !Tokens.isToken(transferId)) {
            throw new IllegalArgumentException("file-transfer-id is a token (RFC 5547 §6), got " + transferId);
        }
        if (disposition != null && !Tokens.isToken(disposition)) {
            throw new IllegalArgumentException("file-disposition is a token (RFC 5547 §6), got " + disposition);
        }
        if (icon != null && !icon.regionMatches(true, 0, "cid:", 0, 4)) {
            throw new IllegalArgumentException("file-icon is a cid: URL (RFC 5547 §6, RFC 2392), got " + icon);
        }
        for (String uri : path) {
            requirePathUri(uri, isMsrp(proto));
        }
    }

    /** @return whether this stream is MSRP over TLS ({@code TCP/TLS/MSRP}) */
    public boolean tls() {
        return MediaDescription.PROTO_MSRP_TLS.equalsIgnoreCase(proto);
    }

    /** @return whether {@code proto} is one of MSRP's (RFC 4975 §8.1) */
    public static boolean isMsrp(String proto) {
        return MediaDescription.PROTO_MSRP.equalsIgnoreCase(proto) || MediaDescription.PROTO_MSRP_TLS.equalsIgnoreCase(proto);
    }

    /**
     * Reads the file-transfer attributes of {@code media}.
     *
     * @throws SdpException 400 when an attribute breaks its grammar or appears twice
     */
    public static FileStream read(MediaDescription media, Sdp session) throws SdpException {
        for (String single : List.of(FILE_SELECTOR, FILE_TRANSFER_ID, FILE_DISPOSITION, FILE_DATE, FILE_ICON,
                FILE_RANGE, PATH, ACCEPT_TYPES, ACCEPT_WRAPPED_TYPES, MAX_SIZE, SETUP, CONNECTION)) {
            if (media.countAttribute(single) > 1) {
                throw SdpException.malformed("more than one a=" + single + " in a media description");
            }
        }
        FileSelector selector = media.hasAttribute(FILE_SELECTOR)
                ? FileSelector.parse(media.attribute(FILE_SELECTOR).orElse(null)) : null;
        String maxSize = media.attribute(MAX_SIZE).orElse(null);
        if (maxSize != null && !Tokens.isDigits(maxSize)) {
            throw SdpException.malformed("a=max-size is a number of octets (RFC 4975 §9), got " + SdpException.quote(maxSize));
        }
        List<Attribute> other = new ArrayList<>();
        media.attributes().stream().filter(a -> !MODELLED.contains(a.name())).forEach(other::add);
        try {
            return new FileStream(media.port(), media.proto(),
                    StreamDirection.of(media, session), selector, media.attribute(FILE_TRANSFER_ID).orElse(null),
                    media.attribute(FILE_DISPOSITION).orElse(null),
                    media.hasAttribute(FILE_DATE) ? FileDate.parse(media.attribute(FILE_DATE).orElse("")) : null,
                    media.attribute(FILE_ICON).orElse(null),
                    media.hasAttribute(FILE_RANGE) ? FileRange.parse(media.attribute(FILE_RANGE).orElse("")) : null,
                    media.information().orElse(null), words(media, PATH), types(media, ACCEPT_TYPES),
                    types(media, ACCEPT_WRAPPED_TYPES), maxSize == null ? -1 : Long.parseLong(maxSize),
                    media.hasAttribute(SETUP) ? SetupRole.parse(media.attribute(SETUP).orElse(null)) : null,
                    media.hasAttribute(CONNECTION) ? ConnectionMode.parse(media.attribute(CONNECTION).orElse(null)) : null,
                    other);
        } catch (IllegalArgumentException e) {
            throw SdpException.malformed(e.getMessage());
        }
    }

    /** @return the m= line and attributes of this stream, ready for an offer or answer */
    public MediaDescription toMedia() {
        MediaDescription.Builder m = MediaDescription.builder(MediaDescription.MEDIA_MESSAGE, port,
                proto, "*").information(information);
        m.flag(direction.attributeName());
        m.attribute(ACCEPT_TYPES, join(acceptTypes));
        m.attribute(ACCEPT_WRAPPED_TYPES, join(acceptWrappedTypes));
        m.attribute(MAX_SIZE, maxSize < 0 ? null : maxSize);
        m.attribute(PATH, join(path));
        m.attribute(SETUP, setup == null ? null : setup.value());
        m.attribute(CONNECTION, connectionMode == null ? null : connectionMode.value());
        if (selector != null) {
            m.attribute(selector.isEmpty() ? Attribute.flag(FILE_SELECTOR) : new Attribute(FILE_SELECTOR, selector.format()));
        }
        m.attribute(FILE_TRANSFER_ID, transferId);
        m.attribute(FILE_DISPOSITION, disposition);
        m.attribute(FILE_DATE, date == null ? null : date.format());
        m.attribute(FILE_ICON, icon);
        m.attribute(FILE_RANGE, range == null ? null : range.format());
        other.forEach(m::attribute);
        return m.build();
    }

    /** @return a copy with another selector */
    public FileStream withSelector(FileSelector value) {
        return new FileStream(port, proto, direction, value, transferId, disposition, date, icon, range, information,
                path, acceptTypes, acceptWrappedTypes, maxSize, setup, connectionMode, other);
    }

    private static String join(List<String> words) {
        return words.isEmpty() ? null : String.join(" ", words);
    }

    private static List<String> words(MediaDescription media, String name) throws SdpException {
        String value = media.attribute(name).orElse(null);
        if (value == null) {
            return List.of();
        }
        List<String> words = Arrays.asList(value.split(" ", -1));
        if (words.contains("")) {
            throw SdpException.malformed("a=" + name + " holds words separated by single spaces (RFC 4975 §9): "
                    + SdpException.quote(value));
        }
        return words;
    }

    /** RFC 4975 §9: accept-type = "*" / (type "/" "*") / (type "/" subtype). */
    private static List<String> types(MediaDescription media, String name) throws SdpException {
        List<String> types = words(media, name);
        for (String t : types) {
            String plain = t.indexOf(';') < 0 ? t : t.substring(0, t.indexOf(';'));
            boolean ok = plain.equals("*") || FileSelector.isMediaType(plain)
                    || (plain.endsWith("/*") && Tokens.isMimeToken(plain.substring(0, plain.length() - 2)));
            if (!ok) {
                throw SdpException.malformed("a=" + name + " lists media types (RFC 4975 §9), got " + SdpException.quote(t));
            }
        }
        return types;
    }

    /**
     * RFC 4975 §9: an MSRP-URI starts with {@code msrp://} or {@code msrps://}; another session
     * transport's path holds absolute URIs of its own.
     */
    private static void requirePathUri(String uri, boolean msrp) {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (!msrp) {
            if (!lower.matches("[a-z][a-z0-9+.-]*:\\S+")) {
                throw new IllegalArgumentException("a=path holds absolute URIs, got " + SdpException.quote(uri));
            }
        } else if (!(lower.startsWith("msrp://") || lower.startsWith("msrps://")) || uri.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("a=path holds MSRP URIs (RFC 4975 §9), got " + SdpException.quote(uri));
        }
        Sdp.requireLineSafe(uri, "a=path URI");
    }
}
