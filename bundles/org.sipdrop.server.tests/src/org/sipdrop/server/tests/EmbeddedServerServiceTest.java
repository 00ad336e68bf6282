package org.sipdrop.server.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/**
 * In Equinox with Felix SCR: the embedded server factory is a service (wired to the SIP bundle's
 * server factory), a server it starts answers OPTIONS on loopback, deactivating the component
 * stops it; the configuration-driven component waits for its configuration.
 */
class EmbeddedServerServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static <S> S service(BundleContext context, Class<S> type) throws InterruptedException {
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker.waitForService(WAIT.toMillis());
    }

    private static String options(InetSocketAddress server) throws Exception {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(3000);
            String uri = "sip:127.0.0.1:" + server.getPort();
            String req = "OPTIONS " + uri + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bKosgi"
                    + System.nanoTime() + "\r\nMax-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <" + uri + ">\r\nCall-ID: osgi-"
                    + System.nanoTime() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] out = req.getBytes(StandardCharsets.UTF_8);
            s.send(new DatagramPacket(out, out.length, server));
            byte[] in = new byte[8192];
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void factoryServiceStartsAServerThatAnswersAndComponentDeactivationStopsIt() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(EmbeddedServerServiceTest.class).getBundleContext();
        Bundle serverBundle = FrameworkUtil.getBundle(EmbeddedServerFactory.class);
        ServiceComponentRuntime scr = service(context, ServiceComponentRuntime.class);
        assertNotNull(scr, "Felix SCR is running");
        EmbeddedServerFactory factory = service(context, EmbeddedServerFactory.class);
        assertNotNull(factory, "the embedded server factory is a service");
        EmbeddedServer server = factory.start(Map.of("sip.port", "0", "transports", "udp"));
        Matcher m = Pattern.compile("sip:127\\.0\\.0\\.1:(\\d+);transport=udp").matcher(server.uris().get(0));
        assertTrue(m.matches(), server.uris().toString());
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
        String answer = options(address);
        assertNotNull(answer, "the server answers OPTIONS");
        assertTrue(answer.startsWith("SIP/2.0 200"), answer);

        ComponentDescriptionDTO component = scr.getComponentDescriptionDTO(serverBundle, "org.sipdrop.server.internal.EmbeddedServerFactoryImpl");
        assertNotNull(component);
        try {
            scr.disableComponent(component).getValue();
            assertFalse(server.isRunning(), "deactivation stops the servers it started");
            await().atMost(WAIT).until(() -> options(address) == null);
        } finally {
            scr.enableComponent(component).getValue();
        }
        assertNotNull(service(context, EmbeddedServerFactory.class), "the factory comes back");
    }

    @Test
    void configurationDrivenComponentWaitsForItsConfiguration() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(EmbeddedServerServiceTest.class).getBundleContext();
        ServiceComponentRuntime scr = service(context, ServiceComponentRuntime.class);
        ComponentDescriptionDTO component = scr.getComponentDescriptionDTO(FrameworkUtil.getBundle(EmbeddedServerFactory.class),
                "org.sipdrop.server.internal.EmbeddedServerComponent");
        assertNotNull(component, "the bundle declares the configuration-driven component");
        assertEquals("require", component.configurationPolicy);
        assertEquals(EmbeddedServerFactory.PID, component.configurationPid[0]);
        for (ComponentConfigurationDTO c : scr.getComponentConfigurationDTOs(component)) {
            assertEquals(ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION, c.state, "no configuration: nothing listens");
        }
    }
}
