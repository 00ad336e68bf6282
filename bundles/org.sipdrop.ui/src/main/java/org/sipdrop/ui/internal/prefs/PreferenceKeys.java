package org.sipdrop.ui.internal.prefs;

/**
 * The keys of SipDrop's workbench preferences (instance scope of {@value #NODE}) and of the
 * secrets kept apart from them in Eclipse Secure Storage (node {@value #SECURE_NODE}).
 * Passwords are never written to the preference store.
 */
public final class PreferenceKeys {

    /** The preference node (instance and default scope) and the plug-in id. */
    public static final String NODE = "org.sipdrop.ui";
    /** The Secure Storage node holding the passwords. */
    public static final String SECURE_NODE = "/org.sipdrop.ui";

    /** The user's address of record, e.g. {@code sip:alice@example.com}; empty: the default local account. */
    public static final String ACCOUNT_ADDRESS = "account.address";
    /** The display name shown to peers. */
    public static final String ACCOUNT_DISPLAY_NAME = "account.displayName";
    /** The registrar, e.g. {@code sip:example.com:5060}; empty: the domain of the address. */
    public static final String ACCOUNT_REGISTRAR = "account.registrar";
    /** The outbound proxy; empty: the registrar. */
    public static final String ACCOUNT_OUTBOUND_PROXY = "account.outboundProxy";
    /** The SIP transport, {@code udp}, {@code tcp} or {@code tls}. */
    public static final String ACCOUNT_TRANSPORT = "account.transport";
    /** The PKCS#12 trust store with the server's certificate or CA (TLS only). */
    public static final String ACCOUNT_TRUST_STORE = "account.trustStore";
    /** Secure Storage key of the SIP password. */
    public static final String SECURE_ACCOUNT_PASSWORD = "account.password";
    /** Secure Storage key of the trust store password. */
    public static final String SECURE_TRUST_STORE_PASSWORD = "account.trustStorePassword";

    /** Whether the workbench starts and signs in to the embedded server on this machine. */
    public static final String EMBEDDED = "embedded.use";
    /** The embedded server's SIP port (UDP and TCP); 0 for any free port. */
    public static final String EMBEDDED_PORT = "embedded.port";

    /** {@code ask}, {@code trusted} (contacts accepted, others asked), {@code all} or {@code none}. */
    public static final String ACCEPT_MODE = "accept.mode";
    /** The largest file accepted without asking, e.g. {@code 100M}; empty for no limit. */
    public static final String ACCEPT_MAX_SIZE = "accept.maxSize";
    /** Accepted media types, e.g. {@code image/*,text/plain}; empty for any. */
    public static final String ACCEPT_TYPES = "accept.types";
    /** Where accepted files are written before the workbench moves them into the workspace; empty: the plug-in state area. */
    public static final String DOWNLOAD_FOLDER = "download.folder";

    /** The transport schemes to prefer, best first, comma-separated. */
    public static final String TRANSPORT_ORDER = "transports.order";

    /** The HTTP storage base URL for content indirection (RFC 4483), e.g. {@code https://dav.example.com/drop/}. */
    public static final String STORAGE_URL = "storage.url";
    /** The HTTP storage user name. */
    public static final String STORAGE_USER = "storage.user";
    /** Secure Storage key of the HTTP storage password. */
    public static final String SECURE_STORAGE_PASSWORD = "storage.password";

    /** The contacts, one {@code Name <sip:aor>} per line. */
    public static final String CONTACTS = "contacts";
    /** The user's own presence status last chosen ({@code AVAILABLE}, {@code AWAY}, {@code BUSY}, {@code OFFLINE}). */
    public static final String OWN_STATUS = "presence.status";
    /** The user's own presence note last chosen. */
    public static final String OWN_NOTE = "presence.note";

    private PreferenceKeys() {
    }
}
