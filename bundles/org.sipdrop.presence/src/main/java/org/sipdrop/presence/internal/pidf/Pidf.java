package org.sipdrop.presence.internal.pidf;

import java.util.Set;

/** Names and media type of the presence document formats SipDrop reads and writes. */
final class Pidf {

    /** Media type of a PIDF document, RFC 3863 §7 (IANA registration). */
    static final String MEDIA_TYPE = "application/pidf+xml";

    /** PIDF namespace, RFC 3863 §4.1.1. */
    static final String NS = "urn:ietf:params:xml:ns:pidf";

    /** Presence data model namespace (person, device), RFC 4479 §4.1 / §7. */
    static final String DATA_MODEL_NS = "urn:ietf:params:xml:ns:pidf:data-model";

    /** Rich presence (RPID) namespace, RFC 4480 §3 and §6.1. */
    static final String RPID_NS = "urn:ietf:params:xml:ns:pidf:rpid";

    /**
     * SipDrop's own tuple extension carrying the file-transfer URI schemes a device accepts. RFC
     * 3863 §4.2 lets any namespace extend {@code <tuple>} after {@code <status>}; it is sent without
     * {@code mustUnderstand}, so every other watcher ignores it.
     */
    static final String TRANSFER_NS = "urn:sipdrop:params:xml:ns:pidf:transfer";

    /** Element of {@link #TRANSFER_NS} wrapping the schemes. */
    static final String TRANSFER_ELEMENT = "file-transfer";

    /** Element of {@link #TRANSFER_NS} holding one URI scheme (RFC 3986 §3.1), e.g. {@code msrp}. */
    static final String SCHEME_ELEMENT = "scheme";

    /**
     * Attribute marking an extension a receiver must understand or else reject the whole
     * document (RFC 3863 §4.3; schema type xs:boolean, so "true" or "1").
     */
    static final String MUST_UNDERSTAND = "mustUnderstand";

    /** Namespaces whose elements SipDrop understands; others are ignored unless mustUnderstand. */
    static final Set<String> UNDERSTOOD = Set.of(NS, DATA_MODEL_NS, RPID_NS, TRANSFER_NS);

    /** Default bound on a presence document; Kamailio's own PUBLISH bodies are a few KiB. */
    static final int DEFAULT_MAX_BYTES = 64 * 1024;

    private Pidf() {
    }
}
