package org.sipdrop.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.annotation.Annotation;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EmbeddedServerComponentTest {

    @Test
    void configurationKeysAreTheServerSettingsKeysAndBlankMeansUnset() {
        EmbeddedServerComponent.Config c = new EmbeddedServerComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmbeddedServerComponent.Config.class;
            }

            @Override
            public String bind() {
                return "127.0.0.1";
            }

            @Override
            public String sip_port() {
                return " 5070 ";
            }

            @Override
            public String transports() {
                return "udp";
            }

            @Override
            public String users() {
                return "";
            }

            @Override
            public String open() {
                return "";
            }

            @Override
            public String realm() {
                return "r";
            }

            @Override
            public String tls_keystore() {
                return "";
            }

            @Override
            public String tls_password() {
                return "";
            }

            @Override
            public String list_user() {
                return "team";
            }

            @Override
            public String http_port() {
                return "0";
            }

            @Override
            public String https_port() {
                return "";
            }

            @Override
            public String storage_dir() {
                return "";
            }

            @Override
            public String storage_quota() {
                return "1G";
            }

            @Override
            public String storage_max_expiry() {
                return " ";
            }
        };
        Map<String, String> s = EmbeddedServerComponent.settings(c);
        assertEquals(Map.of("bind", "127.0.0.1", "sip.port", "5070", "transports", "udp", "realm", "r", "list.user", "team", "http.port", "0",
                "storage.quota", "1G"), s);
        ServerSettings.fromMap(s); // valid as a whole
    }
}
