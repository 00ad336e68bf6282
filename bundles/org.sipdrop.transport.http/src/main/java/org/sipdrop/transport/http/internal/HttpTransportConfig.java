package org.sipdrop.transport.http.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Settings of the HTTP storage transport (configuration PID {@code org.sipdrop.transport.http}).
 * Keys follow the DS name mapping (OSGi Compendium 112.8.2.1): {@code base_url()} is
 * {@code base.url}, and {@code _password()} is {@code .password}, a private property that
 * Configuration Admin and DS never copy to the service properties, so the password is not
 * visible to other bundles.
 */
@ObjectClassDefinition(name = "SipDrop HTTP storage transport",
        description = "Content indirection (RFC 4483): uploads to a WebDAV/HTTP storage, downloads with Range")
public @interface HttpTransportConfig {

    /** @return the storage collection files are uploaded into, e.g. http://127.0.0.1:8080/dav/; empty: receive only */
    @AttributeDefinition(description = "Storage base URL (http:// or https://); empty: this side only downloads")
    String base_url() default "";

    /** @return user for HTTP authentication at the storage, empty for anonymous */
    @AttributeDefinition(description = "Storage user (Basic or Digest authentication)")
    String user() default "";

    /** @return the password; a private property (leading dot) */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "Storage password")
    String _password() default "";

    /** @return the largest file uploaded (bytes, or 100M, 2G) */
    @AttributeDefinition(description = "Largest upload")
    String max_upload_size() default "4G";

    /** @return a trust store for https: PEM certificates, PKCS#12 or JKS; empty for the JDK's CAs */
    @AttributeDefinition(description = "TLS trust store (PEM, PKCS#12 or JKS), empty for the JDK defaults")
    String tls_trust_store() default "";

    /** @return the trust store's password (PKCS#12/JKS) */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "TLS trust store password")
    String tls_trust_store_password() default "";

    /** @return connect and first-byte timeout, milliseconds */
    @AttributeDefinition(description = "Connect and response timeout in milliseconds")
    int timeout_ms() default 15_000;

    /** @return how many times a broken download is resumed with Range before it fails */
    @AttributeDefinition(description = "Download resumptions after a broken connection")
    int resume_attempts() default 5;
}
