package org.sipdrop.sip.internal.server;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Reads the recipients of a URI list (RFC 4826 §3, {@code application/resource-lists+xml}, as
 * RFC 5365 §4.1 carries it): the {@code uri} of every {@code entry} in any {@code list}, in
 * document order, without duplicates, bounded. {@code entry-ref} and {@code external} are not
 * followed (a server must not fetch what a request points to).
 */
final class ResourceLists {

    static final String NS = "urn:ietf:params:xml:ns:resource-lists";
    /** Largest list document. */
    static final int MAX_BYTES = 64 * 1024;

    private ResourceLists() {
    }

    /** @throws IllegalArgumentException when the document is not a resource list or is too long */
    static List<String> recipients(byte[] xml, int maxRecipients) {
        Element root = SafeXml.parse(xml, MAX_BYTES).getDocumentElement();
        if (!"resource-lists".equals(root.getLocalName()) || !NS.equals(root.getNamespaceURI())) {
            throw new IllegalArgumentException("not a resource-lists document (RFC 4826 §3.2)");
        }
        NodeList entries = root.getElementsByTagNameNS(NS, "entry");
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < entries.getLength(); i++) {
            String uri = ((Element) entries.item(i)).getAttribute("uri").strip();
            if (uri.isEmpty()) {
                throw new IllegalArgumentException("entry without a uri attribute (RFC 4826 §3.2)");
            }
            out.add(uri);
            if (out.size() > maxRecipients) {
                throw new IllegalArgumentException("more than " + maxRecipients + " recipients");
            }
        }
        return List.copyOf(out);
    }
}
