package org.sipdrop.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.sip.SipAccount;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipTls;
import org.sipdrop.sip.SipTransport;
import org.sipdrop.sip.SipUserAgent;

/**
 * In Equinox: the JAIN-SIP bundle loads the SIP bundle's TLS network layer by name (it imports
 * packages dynamically), so TLS works and an untrusted server certificate is named when refused.
 * RSA keys: the RI's default cipher suites are RSA ones.
 */
class TlsInEquinoxTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private ServiceTracker<SipEndpointFactory, SipEndpointFactory> tracker;
    private final List<SipEndpoint> endpoints = new ArrayList<>();

    @BeforeEach
    void track() {
        BundleContext context = FrameworkUtil.getBundle(TlsInEquinoxTest.class).getBundleContext();
        tracker = new ServiceTracker<>(context, SipEndpointFactory.class, null);
        tracker.open();
    }

    @AfterEach
    void close() {
        endpoints.forEach(SipEndpoint::close);
        tracker.close();
    }

    private SipUserAgent agent(String name, SipTls tls) throws Exception {
        SipEndpointFactory factory = tracker.waitForService(10_000);
        assertNotNull(factory, "no SipEndpointFactory service");
        SipEndpoint endpoint = factory.open(SipEndpointConfig.loopbackTls(name, tls));
        endpoints.add(endpoint);
        return endpoint.userAgent(SipAccount.builder("sip:" + name + "@127.0.0.1").transport(SipTransport.TLS).build());
    }

    @Test
    void trustedServerIsReachedAndUntrustedOneIsRefusedNamingItsCertificate() throws Exception {
        Path bobKeys = keyStore("bob");
        keyStore("rogue");
        Path trustsBob = trustStore("trusts-bob", "bob");
        Path trustsRogue = trustStore("trusts-rogue", "rogue");
        SipUserAgent bob = agent("bob", SipTls.of(bobKeys, PASSWORD, trustsBob, PASSWORD));
        bob.onMessage(m -> SipStatus.OK);
        SipUserAgent alice = agent("alice", SipTls.trusting(trustsBob, PASSWORD));
        assertEquals(200, alice.message(bob.contact(), SipBody.text("trusted")).get(15, TimeUnit.SECONDS).status());
        SipUserAgent carol = agent("carol", SipTls.trusting(trustsRogue, PASSWORD));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> carol.message(bob.contact(), SipBody.text("untrusted")).get(60, TimeUnit.SECONDS));
        String m = e.getCause().getMessage();
        assertTrue(m.contains("server certificate CN=127.0.0.1,O=SipDrop test bob (SHA-256 "), m);
        assertTrue(m.contains("is not trusted: no trust anchor in trust store " + trustsRogue.toAbsolutePath()), m);
    }

    private Path keyStore(String name) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1, O=SipDrop test " + name, "-ext", "SAN=ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit");
        keytool("-exportcert", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", dir.resolve(name + ".cer").toString());
        return store;
    }

    private Path trustStore(String name, String trusted) throws IOException, InterruptedException {
        Path store = dir.resolve(name + ".p12");
        keytool("-importcert", "-noprompt", "-alias", trusted, "-file", dir.resolve(trusted + ".cer").toString(),
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        return store;
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool did not finish within 30 s: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed (" + p.exitValue() + "): " + out);
        }
    }
}
