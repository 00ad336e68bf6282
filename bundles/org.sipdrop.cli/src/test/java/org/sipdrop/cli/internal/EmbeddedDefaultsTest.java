package org.sipdrop.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sipdrop.cli.internal.config.GivenSettings;
import org.sipdrop.configuration.Setting;
import org.sipdrop.configuration.TransportDescription;
import org.sipdrop.cli.internal.config.TransportFlags;

/** What the CLI adds for SipDrop's own transports: the embedded storage, the SIP trust store for msrps relays. */
class EmbeddedDefaultsTest {

    private static Setting text(String id) {
        return new Setting(id, id, id, id.startsWith(".") ? Setting.Type.PASSWORD : Setting.Type.STRING, Optional.of(""), false);
    }

    private static final TransportFlags FLAGS = TransportFlags.derive(List.of(
            new TransportDescription("http", "HTTP storage", "org.sipdrop.transport.http", "",
                    List.of(text("base.url"), text("user"), text(".password"), text("tls.trust.store"))),
            new TransportDescription("msrp", "MSRP", "org.sipdrop.transport.msrp", "",
                    List.of(text("relay.uri"), text("relay.user"), text(".relay.password"), text("tls.trust.store"),
                            text(".tls.trust.store.password")))));

    private static Options parse(String... args) throws UsageException {
        Set<String> valued = new HashSet<>(FLAGS.valued());
        valued.add("via");
        return Options.parse(List.of(args), Set.of(), ClientOptions.valued(valued));
    }

    private static List<GivenSettings> forSend(String via, String... args) throws UsageException {
        Options o = parse(args);
        return EmbeddedDefaults.forSend(FLAGS, o, ClientOptions.from(o, "test"), via);
    }

    private static Map<String, Object> of(List<GivenSettings> given, String scheme) {
        return given.stream().filter(g -> g.transport().scheme().equals(scheme)).findFirst().orElseThrow().properties();
    }

    @Test
    void viaHttpWithoutStorageUsesTheEmbeddedStorageOnTheSipServersHostWithTheSipCredentials() throws Exception {
        Map<String, Object> s = of(forSend("http", "--user", "alice", "--password", "pw", "--server", "sip:192.0.2.7:5070"), "http");
        assertEquals("http://192.0.2.7:5080/storage/", s.get("base.url"));
        assertEquals("alice", s.get("user"));
        assertEquals("pw", s.get(".password"));
    }

    @Test
    void anExplicitStorageWinsOverTheEmbeddedDefault() throws Exception {
        Map<String, Object> s = of(forSend("http", "--user", "alice", "--storage", "http://127.0.0.1:8080/dav/",
                "--storage-user", "u", "--storage-password", "p"), "http");
        assertEquals(Map.of("base.url", "http://127.0.0.1:8080/dav/", "user", "u", ".password", "p"), s);
    }

    @Test
    void viaHttpsNeedsAnExplicitStorage() {
        UsageException e = assertThrows(UsageException.class, () -> forSend("https", "--user", "alice"));
        assertTrue(e.getMessage().contains("--storage https://"), e.getMessage());
    }

    @Test
    void otherSendsLeaveTheStorageProviderAlone() throws Exception {
        assertTrue(forSend("msrp", "--user", "alice").isEmpty());
        assertTrue(forSend("auto", "--user", "alice").isEmpty());
        assertTrue(forSend("file", "--user", "alice").isEmpty());
    }

    @Test
    void secureRelayTrustsTheSipTrustStoreUnlessAnMsrpOneIsGiven() throws Exception {
        Map<String, Object> viaSip = of(EmbeddedDefaults.forAny(FLAGS, parse("--msrp-relay", "msrps://relay.example:2856",
                "--trust-store", "sip.p12", "--trust-store-password", "x")), "msrp");
        assertEquals("sip.p12", viaSip.get("tls.trust.store"));
        assertEquals("x", viaSip.get(".tls.trust.store.password"));
        Map<String, Object> own = of(EmbeddedDefaults.forAny(FLAGS, parse("--msrp-relay", "msrps://relay.example:2856",
                "--trust-store", "sip.p12", "--msrp-trust-store", "msrp.p12")), "msrp");
        assertEquals("msrp.p12", own.get("tls.trust.store"));
        Map<String, Object> plain = of(EmbeddedDefaults.forAny(FLAGS, parse("--msrp-relay", "msrp://127.0.0.1:2855",
                "--trust-store", "sip.p12")), "msrp");
        assertTrue(!plain.containsKey("tls.trust.store"), "a plain relay does not take the SIP trust store");
    }
}
