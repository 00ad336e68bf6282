package org.sipdrop.negotiation.internal.sdp;

/** Names of the SDP attributes a file-transfer stream uses. */
final class AttributeNames {

    /** RFC 5547 §6: the file the stream transfers. */
    static final String FILE_SELECTOR = "file-selector";
    /** RFC 5547 §6, §8.1: identifies one file transfer operation; the answer copies it. */
    static final String FILE_TRANSFER_ID = "file-transfer-id";
    /** RFC 5547 §6: a Content-Disposition value such as {@code render} or {@code attachment}. */
    static final String FILE_DISPOSITION = "file-disposition";
    /** RFC 5547 §6: creation, modification and read dates. */
    static final String FILE_DATE = "file-date";
    /** RFC 5547 §6: a {@code cid:} URL (RFC 2392) of an icon carried in the same SIP body. */
    static final String FILE_ICON = "file-icon";
    /** RFC 5547 §6: the octets to transfer, 1-based and inclusive. */
    static final String FILE_RANGE = "file-range";
    /** RFC 4975 §8.2, §9: the MSRP URIs of the endpoint, space separated. */
    static final String PATH = "path";
    /** RFC 4975 §8.6, §9: media types the endpoint accepts. */
    static final String ACCEPT_TYPES = "accept-types";
    /** RFC 4975 §8.6, §9: media types accepted only inside a wrapper such as message/cpim. */
    static final String ACCEPT_WRAPPED_TYPES = "accept-wrapped-types";
    /** RFC 4975 §8.6, §9: the largest message the endpoint accepts, in octets. */
    static final String MAX_SIZE = "max-size";
    /** RFC 4145 §4, RFC 6135 §4: which side opens the connection. */
    static final String SETUP = "setup";
    /** RFC 4145 §5, RFC 6135 §4: new or existing connection. */
    static final String CONNECTION = "connection";

    private AttributeNames() {
    }
}
