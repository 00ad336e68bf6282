package org.sipdrop.presence.internal.pidf;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;

/**
 * Writes a {@link Presence} as a PIDF document (RFC 3863) of the shape Kamailio's presence_xml
 * module, baresip and linphone read:
 *
 * <pre>
 * &lt;?xml version="1.0" encoding="UTF-8"?&gt;
 * &lt;presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm=... xmlns:rpid=... xmlns:sd=... entity="sip:alice@example.com"&gt;
 *  &lt;tuple id="t-laptop"&gt;
 *   &lt;status&gt;&lt;basic&gt;open&lt;/basic&gt;&lt;/status&gt;
 *   &lt;sd:file-transfer&gt;&lt;sd:scheme&gt;msrp&lt;/sd:scheme&gt;&lt;/sd:file-transfer&gt;
 *   &lt;timestamp&gt;2024-05-01T10:00:00Z&lt;/timestamp&gt;
 *  &lt;/tuple&gt;
 *  &lt;dm:person id="p-t-laptop"&gt;
 *   &lt;rpid:activities&gt;&lt;rpid:away/&gt;&lt;/rpid:activities&gt;
 *   &lt;dm:note xml:lang="en"&gt;Back at 2&lt;/dm:note&gt;
 *  &lt;/dm:person&gt;
 * &lt;/presence&gt;
 * </pre>
 *
 * Element order follows the schemas: in a tuple, status, extensions, timestamp (RFC 3863 §4.1.3);
 * in a person, extensions then note (RFC 4479 schema). The tuple id must stay the same across
 * the documents one device publishes (RFC 3863 §4.1.3) and differ between devices of a user,
 * since a presence server merges their tuples into one document.
 * <p>
 * Stateless apart from its ids; thread-safe.
 */
public final class PidfWriter {

    /** An xs:ID is an NCName (XML Namespaces §3); we keep to ASCII. */
    private static final Pattern NCNAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    private final String tupleId;
    private final String personId;

    /**
     * @param tupleId this device's stable tuple id, an XML NCName such as {@code t-laptop}
     */
    public PidfWriter(String tupleId) {
        if (tupleId == null || !NCNAME.matcher(tupleId).matches()) {
            throw new IllegalArgumentException("A PIDF tuple id must be an XML name (letter or _ first, then "
                    + "letters, digits, _ . -; at most 64): '" + tupleId + "'");
        }
        this.tupleId = tupleId;
        this.personId = "p-" + tupleId;
    }

    /** @return the media type of what {@link #format} produces: {@code application/pidf+xml} */
    public static String mediaType() {
        return Pidf.MEDIA_TYPE;
    }

    /** @return the PIDF document for {@code presence}, UTF-8 encoded */
    public byte[] format(Presence presence) {
        StringBuilder x = new StringBuilder(512);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n");
        x.append("<presence xmlns=\"").append(Pidf.NS).append('"')
                .append(" xmlns:dm=\"").append(Pidf.DATA_MODEL_NS).append('"')
                .append(" xmlns:rpid=\"").append(Pidf.RPID_NS).append('"');
        if (!presence.transferSchemes().isEmpty()) {
            x.append(" xmlns:sd=\"").append(Pidf.TRANSFER_NS).append('"');
        }
        x.append(" entity=\"").append(XmlText.escape(presence.entity())).append("\">\r\n");

        x.append(" <tuple id=\"").append(tupleId).append("\">\r\n");
        x.append("  <status><basic>").append(presence.status() == PresenceStatus.OFFLINE ? "closed" : "open")
                .append("</basic></status>\r\n");
        if (!presence.transferSchemes().isEmpty()) {
            x.append("  <sd:").append(Pidf.TRANSFER_ELEMENT).append('>');
            for (String s : presence.transferSchemes()) {
                x.append("<sd:").append(Pidf.SCHEME_ELEMENT).append('>').append(XmlText.escape(s))
                        .append("</sd:").append(Pidf.SCHEME_ELEMENT).append('>');
            }
            x.append("</sd:").append(Pidf.TRANSFER_ELEMENT).append(">\r\n");
        }
        presence.timestamp().ifPresent(t -> x.append("  <timestamp>")
                .append(DateTimeFormatter.ISO_INSTANT.format(t)).append("</timestamp>\r\n"));
        x.append(" </tuple>\r\n");

        x.append(" <dm:person id=\"").append(personId).append("\">\r\n");
        String activity = Rpid.activity(presence.status());
        if (activity != null) {
            x.append("  <rpid:activities><rpid:").append(activity).append("/></rpid:activities>\r\n");
        }
        presence.note().ifPresent(n -> {
            x.append("  <dm:note");
            presence.noteLanguage().ifPresent(l -> x.append(" xml:lang=\"").append(XmlText.escape(l)).append('"'));
            x.append('>').append(XmlText.escape(n)).append("</dm:note>\r\n");
        });
        x.append(" </dm:person>\r\n");
        x.append("</presence>\r\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }
}
