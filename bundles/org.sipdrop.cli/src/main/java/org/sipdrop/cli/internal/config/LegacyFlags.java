package org.sipdrop.cli.internal.config;

import java.util.Map;

/**
 * Flag names SipDrop's CLI had before its flags were derived from metatype, kept working as
 * aliases of the derived ones (scripts use them). An alias exists only while the flag it stands
 * for does, i.e. while that transport is installed.
 */
final class LegacyFlags {

    /** Old name to derived name, both without the leading dashes. */
    static final Map<String, String> ALIASES = Map.of(
            "storage", "http-base-url",
            "storage-user", "http-user",
            "storage-password", "http-password",
            "storage-trust-store", "http-tls-trust-store",
            "storage-trust-store-password", "http-tls-trust-store-password",
            "msrp-relay", "msrp-relay-uri",
            "msrp-trust-store", "msrp-tls-trust-store",
            "msrp-trust-store-password", "msrp-tls-trust-store-password",
            "msrp-key-store", "msrp-tls-key-store",
            "msrp-key-store-password", "msrp-tls-key-store-password");

    private LegacyFlags() {
    }
}
