package org.sipdrop.sip.tests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.sip.SipEndpoint;
import org.sipdrop.sip.SipEndpointConfig;
import org.sipdrop.sip.SipEndpointFactory;
import org.sipdrop.sip.SipTransport;

/**
 * In Equinox with Felix SCR: the SIP component is activated, opens a JAIN-SIP stack on a
 * loopback listening point, and deactivating the component (as stopping the bundle does)
 * stops the stack and frees the port.
 */
class SipEndpointFactoryServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void deactivatingTheComponentStopsEveryStackItStarted() throws Exception {
        Bundle sip = FrameworkUtil.getBundle(SipEndpointFactory.class);
        BundleContext context = FrameworkUtil.getBundle(SipEndpointFactoryServiceTest.class).getBundleContext();
        ServiceTracker<SipEndpointFactory, SipEndpointFactory> tracker = new ServiceTracker<>(context, SipEndpointFactory.class, null);
        tracker.open();
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> scrTracker = new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
        scrTracker.open();
        ServiceComponentRuntime scr = scrTracker.waitForService(WAIT.toMillis());
        ComponentDescriptionDTO component = scr.getComponentDescriptionDTO(sip, "org.sipdrop.sip.internal.JainSipEndpointFactory");
        assertNotNull(component, "the SIP bundle declares its DS component");
        try {
            SipEndpointFactory factory = tracker.waitForService(WAIT.toMillis());
            assertNotNull(factory, "Felix SCR did not activate the SIP endpoint factory");
            SipEndpoint endpoint = factory.open(SipEndpointConfig.loopback("osgi", SipTransport.UDP, SipTransport.TCP));
            InetSocketAddress tcp = endpoint.localAddress(SipTransport.TCP);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), tcp.getPort())) {
                assertTrue(s.isConnected(), "the stack listens on TCP");
            }
            assertEquals(1, factory.openEndpoints().size());

            scr.disableComponent(component).getValue();
            assertFalse(endpoint.isOpen(), "deactivating the component closes its endpoints");
            await().atMost(WAIT).until(() -> !listening(tcp));
        } finally {
            scr.enableComponent(component).getValue();
            tracker.close();
            scrTracker.close();
        }
        ServiceTracker<SipEndpointFactory, SipEndpointFactory> again = new ServiceTracker<>(context, SipEndpointFactory.class, null);
        again.open();
        try {
            assertNotNull(again.waitForService(WAIT.toMillis()), "the factory comes back with the bundle");
        } finally {
            again.close();
        }
    }

    private static boolean listening(InetSocketAddress address) {
        try (Socket s = new Socket()) {
            s.connect(address, 500);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }
}
