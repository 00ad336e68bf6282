package org.sipdrop.presence.internal.pidf;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.XMLConstants;

import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads a PIDF document (RFC 3863) with the RPID (RFC 4480) and data-model (RFC 4479) extensions
 * into a {@link Presence}, leniently where the RFCs allow so documents from baresip, linphone,
 * Kamailio and others are understood:
 * <ul>
 * <li>several tuples: one {@code open} tuple makes the contact reachable (open beats closed);</li>
 * <li>RPID activities are read from {@code dm:person} and, for older clients, from tuples;</li>
 * <li>the note is the first {@code dm:note} of a person, else a presence-level {@code <note>},
 * else the note of an open tuple (RFC 3863 §4.1.7), with its inherited {@code xml:lang};</li>
 * <li>the timestamp is the latest {@code <timestamp>} given (RFC 3863 §4.1.8, RFC 4479);</li>
 * <li>a missing tuple {@code id} is tolerated; unknown elements are ignored unless they carry
 * {@code mustUnderstand="true"}, which makes the document unacceptable (RFC 3863 §4.3).</li>
 * </ul>
 * A document without any {@code <basic>} status yields {@link PresenceStatus#OFFLINE}: nothing in
 * it says the contact can be reached.
 * <p>
 * Stateless and thread-safe.
 */
public final class PidfParser {

    private final int maxBytes;

    /** A parser accepting documents up to 64 KiB. */
    public PidfParser() {
        this(Pidf.DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the largest document accepted, in bytes */
    public PidfParser(int maxBytes) {
        if (maxBytes < 256) {
            throw new IllegalArgumentException("A PIDF size limit below 256 bytes rejects every document: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * @param body an {@code application/pidf+xml} body as received
     * @return the presence it describes
     * @throws PidfException if the document is malformed, too large, has a DOCTYPE, is not PIDF,
     *                       or needs an extension SipDrop does not understand
     */
    public Presence parse(byte[] body) throws PidfException {
        Document doc = SafeXml.parse(body, maxBytes, "PIDF document");
        Element root = doc.getDocumentElement();
        if (!is(root, Pidf.NS, "presence")) {
            throw new PidfException("Not a PIDF document: the root element is <" + root.getLocalName()
                    + "> in namespace '" + root.getNamespaceURI() + "', RFC 3863 §4.1.2 requires <presence> in "
                    + Pidf.NS);
        }
        rejectMandatoryUnknownExtensions(root);
        String entity = root.getAttribute("entity").strip();
        if (entity.isEmpty()) {
            throw new PidfException("PIDF <presence> lacks the mandatory 'entity' attribute (RFC 3863 §4.1.2)");
        }
        Collected c = new Collected();
        for (Element child : children(root)) {
            if (is(child, Pidf.NS, "tuple")) {
                readTuple(child, c);
            } else if (is(child, Pidf.DATA_MODEL_NS, "person")) {
                readPerson(child, c);
            } else if (is(child, Pidf.NS, "note") && c.presenceNote == null) {
                c.presenceNote = child;
            }
        }
        Element note = c.personNote != null ? c.personNote : c.presenceNote != null ? c.presenceNote : c.tupleNote;
        PresenceStatus status = Rpid.status(c.open, c.activities);
        try {
            Presence.Builder b = Presence.builder(entity, status).timestamp(c.timestamp)
                    .transferSchemes(c.schemes);
            if (note != null && !text(note).isEmpty()) {
                b.note(text(note), language(note));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new PidfException("Unacceptable PIDF document: " + e.getMessage(), e);
        }
    }

    private static void readTuple(Element tuple, Collected c) throws PidfException {
        Boolean open = null;
        Element tupleNote = null;
        List<String> schemes = new ArrayList<>();
        for (Element child : children(tuple)) {
            if (is(child, Pidf.NS, "status")) {
                for (Element basic : children(child)) {
                    if (is(basic, Pidf.NS, "basic")) {
                        open = basic(basic);
                    }
                }
            } else if (is(child, Pidf.NS, "note") && tupleNote == null) {
                tupleNote = child;
            } else if (is(child, Pidf.NS, "timestamp")) {
                c.timestamp(timestamp(child));
            } else if (is(child, Pidf.TRANSFER_NS, Pidf.TRANSFER_ELEMENT)) {
                for (Element s : children(child)) {
                    if (is(s, Pidf.TRANSFER_NS, Pidf.SCHEME_ELEMENT)) {
                        schemes.add(text(s).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        collectActivities(tuple, c.activities);
        if (Boolean.TRUE.equals(open)) {
            c.open = true;
            c.schemes.addAll(schemes);
            if (c.tupleNote == null) {
                c.tupleNote = tupleNote;
            }
        }
    }

    private static void readPerson(Element person, Collected c) throws PidfException {
        collectActivities(person, c.activities);
        for (Element child : children(person)) {
            if (is(child, Pidf.DATA_MODEL_NS, "note") && c.personNote == null) {
                c.personNote = child;
            } else if (is(child, Pidf.DATA_MODEL_NS, "timestamp")) {
                c.timestamp(timestamp(child));
            }
        }
    }

    /** RFC 4480 §3.2: each child of {@code <rpid:activities>} other than {@code note} names an activity. */
    private static void collectActivities(Element scope, Set<String> into) {
        List<Element> pending = new ArrayList<>(children(scope));
        while (!pending.isEmpty()) {
            Element e = pending.remove(pending.size() - 1);
            if (is(e, Pidf.RPID_NS, "activities")) {
                for (Element a : children(e)) {
                    if (Pidf.RPID_NS.equals(a.getNamespaceURI()) && !"note".equals(a.getLocalName())) {
                        into.add(a.getLocalName());
                    }
                }
            } else {
                pending.addAll(children(e));
            }
        }
    }

    /** RFC 3863 §4.1.5: the basic status is "open" or "closed". */
    private static boolean basic(Element basic) throws PidfException {
        String v = text(basic);
        if ("open".equals(v)) {
            return true;
        }
        if ("closed".equals(v)) {
            return false;
        }
        throw new PidfException("PIDF <basic> must be 'open' or 'closed' (RFC 3863 §4.1.5), got '" + v + "'");
    }

    /** RFC 3863 §4.1.8: an RFC 3339 date-time; a time without offset (allowed by xs:dateTime) is read as UTC. */
    private static Instant timestamp(Element e) throws PidfException {
        String v = text(e);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException withOffset) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new PidfException("PIDF <timestamp> '" + v
                        + "' is not an RFC 3339 date-time such as 2024-05-01T10:00:00Z (RFC 3863 §4.1.8)");
            }
        }
    }

    /** RFC 3863 §4.3: an unknown element marked mustUnderstand makes the whole document unacceptable. */
    private static void rejectMandatoryUnknownExtensions(Element root) throws PidfException {
        List<Element> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            Element e = pending.remove(pending.size() - 1);
            // an element in no namespace is not understood either (Set.of(...).contains(null) would throw)
            if (e.getNamespaceURI() == null || !Pidf.UNDERSTOOD.contains(e.getNamespaceURI())) {
                String mu = e.hasAttributeNS(Pidf.NS, Pidf.MUST_UNDERSTAND)
                        ? e.getAttributeNS(Pidf.NS, Pidf.MUST_UNDERSTAND) : e.getAttribute(Pidf.MUST_UNDERSTAND);
                if ("true".equals(mu.strip()) || "1".equals(mu.strip())) {
                    throw new PidfException("PIDF document needs extension <" + e.getLocalName() + "> of namespace '"
                            + e.getNamespaceURI() + "' (mustUnderstand), which SipDrop does not implement (RFC 3863 §4.3)");
                }
            }
            pending.addAll(children(e));
        }
    }

    /** @return the xml:lang in scope for {@code e} (XML 1.0 §2.12), or null */
    private static String language(Element e) {
        for (Node n = e; n instanceof Element; n = n.getParentNode()) {
            Element el = (Element) n;
            if (el.hasAttributeNS(XMLConstants.XML_NS_URI, "lang")) {
                String lang = el.getAttributeNS(XMLConstants.XML_NS_URI, "lang").strip();
                return lang.matches("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*") ? lang : null;
            }
        }
        return null;
    }

    private static boolean is(Element e, String ns, String local) {
        return ns.equals(e.getNamespaceURI()) && local.equals(e.getLocalName());
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                out.add((Element) n);
            }
        }
        return out;
    }

    /** @return the element's text, trimmed, with CR and CRLF (from character references) made LF */
    private static String text(Element e) {
        return e.getTextContent().replace("\r\n", "\n").replace('\r', '\n').strip();
    }

    /** What the walk over tuples and persons found. */
    private static final class Collected {
        boolean open;
        final Set<String> activities = new LinkedHashSet<>();
        final Set<String> schemes = new LinkedHashSet<>();
        Element personNote;
        Element presenceNote;
        Element tupleNote;
        Instant timestamp;

        void timestamp(Instant t) {
            if (timestamp == null || t.isAfter(timestamp)) {
                timestamp = t;
            }
        }
    }
}
