package org.sipdrop.negotiation.internal.pagemode;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Formats and parses {@code message/imdn+xml} documents (RFC 5438 §11, schema §11.1.9; example §7.2.1.1):
 *
 * <pre>
 * &lt;imdn xmlns="urn:ietf:params:xml:ns:imdn"&gt;
 *  &lt;message-id&gt;34jk324j&lt;/message-id&gt;&lt;datetime&gt;2008-04-04T12:16:49-05:00&lt;/datetime&gt;
 *  &lt;recipient-uri&gt;sip:bob@example.com&lt;/recipient-uri&gt;&lt;original-recipient-uri&gt;sip:bob@example.com&lt;/original-recipient-uri&gt;
 *  &lt;delivery-notification&gt;&lt;status&gt;&lt;delivered/&gt;&lt;/status&gt;&lt;/delivery-notification&gt;
 * &lt;/imdn&gt;
 * </pre>
 *
 * A reason travels, as linphone writes it, inside {@code <status>} as
 * {@code <linphoneimdn:reason code="603">Decline</linphoneimdn:reason>} in namespace
 * {@value #LINPHONE_NS}; RFC 5438 receivers ignore it (the schema allows other namespaces).
 * Thread-safe.
 */
public final class ImdnCodec {

    /** Media type of a disposition notification, RFC 5438 §11.1.8 (IANA registration §15.1). */
    public static final String MEDIA_TYPE = "message/imdn+xml";

    /** IMDN XML namespace, RFC 5438 schema. */
    public static final String NS = "urn:ietf:params:xml:ns:imdn";

    /** linphone's extension namespace for a reason inside {@code <status>}. */
    public static final String LINPHONE_NS = "http://www.linphone.org/xsds/imdn.xsd";

    private final int maxBytes;

    /** A codec accepting documents up to 16 KiB. */
    public ImdnCodec() {
        this(16 * 1024);
    }

    /** @param maxBytes largest document accepted */
    public ImdnCodec(int maxBytes) {
        if (maxBytes < 256) {
            throw new IllegalArgumentException("A size limit below 256 bytes rejects every IMDN: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** @return the UTF-8 XML document for {@code imdn} */
    public byte[] format(Imdn imdn) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n");
        x.append("<imdn xmlns=\"").append(NS).append('"');
        if (imdn.reasonCode().isPresent()) {
            x.append(" xmlns:linphoneimdn=\"").append(LINPHONE_NS).append('"');
        }
        x.append(">\r\n<message-id>").append(XmlText.escape(imdn.messageId())).append("</message-id>\r\n");
        x.append("<datetime>").append(DateTimeFormatter.ISO_INSTANT.format(imdn.dateTime())).append("</datetime>\r\n");
        imdn.recipientUri().ifPresent(u -> x.append("<recipient-uri>").append(XmlText.escape(u))
                .append("</recipient-uri>\r\n"));
        imdn.originalRecipientUri().ifPresent(u -> x.append("<original-recipient-uri>").append(XmlText.escape(u))
                .append("</original-recipient-uri>\r\n"));
        x.append('<').append(imdn.kind().wire()).append("><status><").append(imdn.status().wire()).append("/>");
        imdn.reasonCode().ifPresent(c -> x.append("<linphoneimdn:reason code=\"").append(c).append("\">")
                .append(XmlText.escape(imdn.reasonText().orElse(""))).append("</linphoneimdn:reason>"));
        x.append("</status></").append(imdn.kind().wire()).append(">\r\n</imdn>\r\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses an IMDN; message-id, datetime and exactly one notification with one status are required. */
    public Imdn parse(byte[] xml) throws PageModeException {
        Element root = SafeXml.parse(xml, maxBytes, "IMDN document").getDocumentElement();
        if (!NS.equals(root.getNamespaceURI()) || !"imdn".equals(root.getLocalName())) {
            throw new PageModeException("Not an IMDN document: root is <" + root.getLocalName() + "> in '"
                    + root.getNamespaceURI() + "', expected <imdn xmlns=\"" + NS + "\"> (RFC 5438)");
        }
        String messageId = required(root, "message-id");
        String dateTime = required(root, "datetime");
        Imdn.Kind kind = null;
        Element notification = null;
        for (Imdn.Kind k : Imdn.Kind.values()) {
            List<Element> found = children(root, NS, k.wire());
            if (!found.isEmpty()) {
                if (notification != null || found.size() > 1) {
                    throw new PageModeException("IMDN must carry exactly one notification element (RFC 5438 schema)");
                }
                kind = k;
                notification = found.get(0);
            }
        }
        if (notification == null) {
            throw new PageModeException("IMDN has no delivery-, display- or processing-notification (RFC 5438 schema)");
        }
        List<Element> statuses = children(notification, NS, "status");
        if (statuses.size() != 1) {
            throw new PageModeException("IMDN " + kind.wire() + " needs exactly one <status>, got " + statuses.size());
        }
        Imdn.Status status = status(statuses.get(0), kind);
        List<Element> reasons = children(statuses.get(0), LINPHONE_NS, "reason");
        Integer code = null;
        String text = null;
        if (!reasons.isEmpty()) {
            String c = reasons.get(0).getAttribute("code").strip();
            if (!c.matches("[1-6][0-9]{2}")) {
                throw new PageModeException("IMDN reason code must be a 3-digit SIP status, got '" + c + "'");
            }
            code = Integer.valueOf(c);
            text = reasons.get(0).getTextContent().strip();
        }
        try {
            return new Imdn(messageId, XmlDates.parse("IMDN datetime", dateTime), optional(root, "recipient-uri"),
                    optional(root, "original-recipient-uri"), kind, status, code, text);
        } catch (IllegalArgumentException e) {
            throw new PageModeException("Unacceptable IMDN: " + e.getMessage(), e);
        }
    }

    private static Imdn.Status status(Element status, Imdn.Kind kind) throws PageModeException {
        Imdn.Status found = null;
        for (Node n = status.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element) || !NS.equals(n.getNamespaceURI())) {
                continue;
            }
            for (Imdn.Status s : Imdn.Status.values()) {
                if (s.wire().equals(n.getLocalName())) {
                    if (found != null) {
                        throw new PageModeException("IMDN <status> holds more than one status");
                    }
                    found = s;
                }
            }
        }
        if (found == null || !kind.allows(found)) {
            throw new PageModeException("IMDN " + kind.wire() + " has " + (found == null ? "no known status"
                    : "status " + found.wire() + ", which RFC 5438 §11.1.7 does not allow there"));
        }
        return found;
    }

    private static String required(Element root, String name) throws PageModeException {
        String v = optional(root, name);
        if (v == null || v.isEmpty()) {
            throw new PageModeException("IMDN lacks the mandatory <" + name + "> (RFC 5438 schema)");
        }
        return v;
    }

    private static String optional(Element root, String name) throws PageModeException {
        List<Element> found = children(root, NS, name);
        if (found.size() > 1) {
            throw new PageModeException("IMDN has " + found.size() + " <" + name + "> elements");
        }
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }

    private static List<Element> children(Element parent, String ns, String local) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ns.equals(n.getNamespaceURI()) && local.equals(n.getLocalName())) {
                out.add((Element) n);
            }
        }
        return out;
    }
}
