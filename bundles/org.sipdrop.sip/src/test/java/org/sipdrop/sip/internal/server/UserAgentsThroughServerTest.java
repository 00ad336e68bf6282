package org.sipdrop.sip.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sipdrop.sip.IncomingRequest;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipServer;
import org.sipdrop.sip.SipServerConfig;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipTls;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.sip.Subscription;
import org.sipdrop.sip.internal.JainSipEndpointFactory;

/**
 * The goal on one machine: two SipDrop user agents register at the embedded server, see
 * each other's presence and exchange MESSAGEs through it, over UDP, TCP and TLS. Over TLS the
 * agents trust the server's certificate and have none of their own: the server reaches them over
 * the connections they opened (RFC 5626 §5.3).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserAgentsThroughServerTest {

    private static final int WAIT = 15;

    @TempDir
    static Path dir;
    private final JainSipServerFactory servers = new JainSipServerFactory();
    private final JainSipEndpointFactory endpoints = new JainSipEndpointFactory();
    private SipServer server;
    private Path serverKeys;

    @BeforeAll
    void startServer() throws Exception {
        serverKeys = TlsTest.keyStore(dir, "changeit");
        server = servers.start(SipServerConfig.builder("ua-test").transports(EnumSet.allOf(SipTransport.class))
                .keyStore(serverKeys, "changeit".toCharArray()).build());
    }

    @AfterAll
    void stopAll() {
        endpoints.openEndpoints().forEach(SipEndpoint::close);
        servers.deactivate();
    }

    private SipUserAgent agent(String user, SipTransport t) throws Exception {
        SipEndpointConfig config = t == SipTransport.TLS
                ? SipEndpointConfig.loopbackTls(user, SipTls.trusting(serverKeys, "changeit".toCharArray()))
                : SipEndpointConfig.loopback(user, t);
        String proxy = "sip:127.0.0.1:" + server.localAddress(t).getPort() + ";transport=" + t.token();
        SipUserAgent ua = endpoints.open(config).userAgent(SipAccount.builder("sip:" + user + "@127.0.0.1").transport(t)
                .registrar(proxy).outboundProxy(proxy).build());
        assertEquals(200, ua.register().get(WAIT, TimeUnit.SECONDS).status(), user + " registers over " + t);
        return ua;
    }

    @ParameterizedTest
    @EnumSource(SipTransport.class)
    void twoUserAgentsExchangeMessagesAndPresenceThroughTheServer(SipTransport t) throws Exception {
        String a = "alice-" + t.token();
        String b = "bob-" + t.token();
        SipUserAgent alice = agent(a, t);
        SipUserAgent bob = agent(b, t);
        BlockingQueue<IncomingRequest> toBob = new ArrayBlockingQueue<>(4);
        bob.onMessage(m -> {
            toBob.offer(m);
            return SipStatus.OK;
        });
        assertEquals(200, alice.message("sip:" + b + "@127.0.0.1", SipBody.text("hello over " + t)).get(WAIT, TimeUnit.SECONDS).status());
        IncomingRequest m = toBob.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(m, "bob got no MESSAGE over " + t);
        assertTrue(m.from().contains(a), m.from());

        BlockingQueue<String> notifies = new ArrayBlockingQueue<>(8);
        Subscription watch = alice.subscribe("sip:" + b + "@127.0.0.1", "presence", "application/pidf+xml", 600,
                n -> notifies.offer(n.body().map(x -> new String(x.content(), StandardCharsets.UTF_8)).orElse("")));
        String first = notifies.poll(WAIT, TimeUnit.SECONDS);
        assertNotNull(first, "no NOTIFY over " + t);
        String pidf = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:" + b
                + "@127.0.0.1\"><tuple id=\"d\"><status><basic>open</basic></status><note>at work</note></tuple></presence>";
        assertEquals(200, bob.publish("presence", new SipBody("application/pidf+xml", pidf.getBytes(StandardCharsets.UTF_8)), 600)
                .get(WAIT, TimeUnit.SECONDS).status());
        String changed = first;
        for (int i = 0; i < 5 && !changed.contains("at work"); i++) {
            changed = notifies.poll(WAIT, TimeUnit.SECONDS);
            assertNotNull(changed, "no NOTIFY after PUBLISH over " + t);
        }
        assertTrue(changed.contains("at work"), changed);
        watch.close();
    }
}
