package org.sipdrop.server.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/**
 * The embedded server as configuration alone: a DS configuration with PID
 * {@value EmbeddedServerFactory#PID} (e.g. from Configuration Admin) starts one server with
 * those settings; changing or deleting it restarts or stops the server. Without a configuration
 * nothing listens: a workbench does not open port 5060 by surprise.
 */
@Component(configurationPid = EmbeddedServerFactory.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true, service = {})
public final class EmbeddedServerComponent {

    /** The settings, named as {@link ServerSettings} names them ({@code sip_port} is {@code sip.port}). Empty: unset. */
    @interface Config {
        String bind() default "";

        String sip_port() default "";

        String transports() default "";

        String users() default "";

        String open() default "";

        String realm() default "";

        String tls_keystore() default "";

        String tls_password() default "";

        String list_user() default "";

        String http_port() default "";

        String https_port() default "";

        String storage_dir() default "";

        String storage_quota() default "";

        String storage_max_expiry() default "";
    }

    private final EmbeddedServer server;

    @Activate
    public EmbeddedServerComponent(@Reference(name = "factory") EmbeddedServerFactory factory, Config config) throws IOException {
        this.server = factory.start(settings(config));
    }

    static Map<String, String> settings(Config c) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, EmbeddedServerFactory.BIND, c.bind());
        put(out, EmbeddedServerFactory.SIP_PORT, c.sip_port());
        put(out, EmbeddedServerFactory.TRANSPORTS, c.transports());
        put(out, EmbeddedServerFactory.USERS, c.users());
        put(out, EmbeddedServerFactory.OPEN, c.open());
        put(out, EmbeddedServerFactory.REALM, c.realm());
        put(out, EmbeddedServerFactory.TLS_KEYSTORE, c.tls_keystore());
        put(out, EmbeddedServerFactory.TLS_PASSWORD, c.tls_password());
        put(out, EmbeddedServerFactory.LIST_USER, c.list_user());
        put(out, EmbeddedServerFactory.HTTP_PORT, c.http_port());
        put(out, EmbeddedServerFactory.HTTPS_PORT, c.https_port());
        put(out, EmbeddedServerFactory.STORAGE_DIR, c.storage_dir());
        put(out, EmbeddedServerFactory.STORAGE_QUOTA, c.storage_quota());
        put(out, EmbeddedServerFactory.STORAGE_MAX_EXPIRY, c.storage_max_expiry());
        return out;
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null && !value.isBlank()) {
            out.put(key, value.strip());
        }
    }

    EmbeddedServer server() {
        return server;
    }

    @Deactivate
    void stop() {
        server.close();
    }
}
