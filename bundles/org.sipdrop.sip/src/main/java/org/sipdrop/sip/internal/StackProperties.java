package org.sipdrop.sip.internal;

import java.util.Properties;

/** JAIN-SIP RI settings for one SipDrop endpoint. */
final class StackProperties {

    private StackProperties() {
    }

    static Properties forEndpoint(String stackName) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        // we create dialogs ourselves where a method needs one (RFC 3261 §12)
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        // the RI logs through log4j 1.2; keep it to errors, never message bodies (they may be files' names)
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        // bounded worker threads, whatever the number of peers
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        // RFC 3581 rport on outgoing requests, for peers behind NAT
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "false");
        // RFC 3261 §18.3: 128 KiB holds the largest page-mode body (64 KiB) with its headers; the RI buffers
        // at most half of it for a header section, so a hostile peer cannot make a connection hold 512 KiB
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(1 << 17));
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // TCP_NODELAY on every SIP connection (withTls replaces it with a layer that does the same)
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", NoDelayNetworkLayer.class.getName());
        return p;
    }

    /**
     * The RI reads TLS material from the stack's own properties (not only system properties),
     * so every endpoint in the JVM can have its own. Without a key store the RI builds no TLS
     * layer at all, so a client-only endpoint passes its trust store as key store too.
     */
    static Properties withTls(Properties p, org.sipdrop.sip.SipTls tls) {
        String trust = tls.trustStore().toAbsolutePath().toString();
        String key = tls.keyStore().map(k -> k.toAbsolutePath().toString()).orElse(trust);
        p.setProperty("javax.net.ssl.keyStore", key);
        p.setProperty("javax.net.ssl.keyStorePassword", new String(tls.keyStore().isPresent() ? tls.keyStorePassword() : tls.trustStorePassword()));
        p.setProperty("javax.net.ssl.trustStore", trust);
        p.setProperty("javax.net.ssl.trustStorePassword", new String(tls.trustStorePassword()));
        p.setProperty("javax.net.ssl.keyStoreType", tls.storeType());
        p.setProperty("javax.net.ssl.trustStoreType", tls.storeType());
        // servers do not ask clients for certificates; clients always check the server's chain
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2");
        p.setProperty("gov.nist.javax.sip.SSL_HANDSHAKE_TIMEOUT", "5000");
        // the RI's layer, but a refused server certificate is named with the reason
        p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", ExplainingTlsLayer.class.getName());
        return p;
    }
}
