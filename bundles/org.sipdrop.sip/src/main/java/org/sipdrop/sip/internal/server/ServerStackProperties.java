package org.sipdrop.sip.internal.server;

import java.util.Properties;

import org.sipdrop.sip.SipServerConfig;

/**
 * JAIN-SIP RI settings of one server stack: those of a SipDrop endpoint (copied, since that class
 * belongs to the user agent) plus the TLS key store, which the RI reads from the stack's own
 * properties, so each server has its own and no JVM-wide system property is touched.
 */
final class ServerStackProperties {

    /** Bytes of one message at most (headers and body); larger ones get 513 or, headers, a close. */
    static final int MAX_MESSAGE_SIZE = 1 << 17;

    private ServerStackProperties() {
    }

    static Properties of(String stackName, SipServerConfig config) {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", stackName);
        // a proxy keeps no dialogs of its own; the presence agent builds its NOTIFYs by hand (RFC 6665 §4.2.2)
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "ERROR");
        p.setProperty("gov.nist.javax.sip.LOG_MESSAGE_CONTENT", "false");
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        p.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        p.setProperty("javax.sip.USE_ROUTER_FOR_ALL_URIS", "false");
        // RFC 3261 §18.3, §21.5.11: 128 KiB holds the largest page-mode body (64 KiB) with its headers; the RI
        // buffers at most half of it for a header section and closes connections whose headers are larger
        p.setProperty("gov.nist.javax.sip.MAX_MESSAGE_SIZE", String.valueOf(MAX_MESSAGE_SIZE));
        p.setProperty("gov.nist.javax.sip.CACHE_CLIENT_CONNECTIONS", "true");
        // bounded server state whatever the load (RFC 3261 §16: a proxy must survive floods)
        p.setProperty("gov.nist.javax.sip.MAX_SERVER_TRANSACTIONS", "10000");
        p.setProperty("gov.nist.javax.sip.MAX_CLIENT_TRANSACTIONS", "10000");
        // NOTIFYs relayed by the proxy belong to subscriptions of others, never to one of this stack
        p.setProperty("gov.nist.javax.sip.DELIVER_UNSOLICITED_NOTIFY", "true");
        config.keyStore().ifPresent(ks -> {
            String password = new String(config.keyStorePassword());
            String type = ks.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "jks" : "pkcs12";
            p.setProperty("javax.net.ssl.keyStore", ks.toString());
            p.setProperty("javax.net.ssl.keyStorePassword", password);
            p.setProperty("javax.net.ssl.keyStoreType", type);
            // the RI wants a trust store too; the server does not ask clients for certificates
            p.setProperty("javax.net.ssl.trustStore", ks.toString());
            p.setProperty("javax.net.ssl.trustStorePassword", password);
            p.setProperty("javax.net.ssl.trustStoreType", type);
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
            p.setProperty("gov.nist.javax.sip.TLS_CLIENT_PROTOCOLS", "TLSv1.2,TLSv1.3");
        });
        if (config.keyStore().isEmpty()) {
            // TCP_NODELAY on the proxy's connections (a stack with a key store keeps the RI's TLS layer)
            p.setProperty("gov.nist.javax.sip.NETWORK_LAYER", org.sipdrop.sip.internal.NoDelayNetworkLayer.class.getName());
        }
        return p;
    }
}
