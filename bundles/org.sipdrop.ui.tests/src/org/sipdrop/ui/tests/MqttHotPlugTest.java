package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipCapabilities;
import org.sipdrop.testing.FreePorts;
import org.sipdrop.testing.Mosquitto;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.testkit.TransportConfiguration;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.send.Commands;
import org.sipdrop.ui.internal.send.SendDialog;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactStore;

/**
 * The MQTT transport bundle starting in a running workbench, as installing it from the update site
 * would: configured for a real mosquitto but stopped, MQTT is neither in the Send dialog nor in what
 * peers are told; started, it appears in both without a restart and carries the file the user sends
 * with it; stopped again, it is gone from both.
 */
class MqttHotPlugTest {

    private static final Map<String, String> USERS = Map.of("alice", "alice-secret");
    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
    private Bundle mqtt;
    private Mosquitto broker;
    private TransportConfiguration configuration;
    private HeadlessPeer peer;
    private WorkbenchSession session;

    @BeforeEach
    void aBrokerAConfiguredButStoppedTransportAndAContact() throws Exception {
        session = Sessions.signedIn();
        mqtt = Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals("org.sipdrop.transport.mqtt")).findFirst()
                .orElseThrow(() -> new AssertionError("the MQTT bundle is installed"));
        int[] ports = FreePorts.distinctTcp(2);
        broker = Mosquitto.builder(Files.createTempDirectory("sipdrop-mosquitto"), ports[0], ports[1], USERS).sipDropAcl().start();
        configuration = new TransportConfiguration(context, "org.sipdrop.transport.mqtt", Duration.ofSeconds(30));
        configuration.apply(Map.of("broker", "127.0.0.1", "port", broker.mqttPort(), "tls.port", broker.mqttsPort(), "user", "alice",
                ".password", USERS.get("alice"), "tls.trust.store", broker.certificate().toString()));
        mqtt.stop();
        TransferService transfers = TestServices.await(TransferService.class);
        UiWait.until(() -> !transfers.schemes().contains("mqtt"), Duration.ofSeconds(30), "the MQTT transport is stopped");
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        peer = HeadlessPeer.register("omar-mqtt", Sessions.tcpUri(server));
        new ContactStore(prefs).save(List.of(new Contact("omar-mqtt", peer.aor())));
    }

    @AfterEach
    void restoreTheBundleRemoveTheRest() throws Exception {
        try {
            if (mqtt.getState() != Bundle.ACTIVE) {
                mqtt.start();
            }
            if (peer != null) {
                peer.close();
            }
            new ContactStore(prefs).save(List.of());
            configuration.delete();
            configuration.close();
        } finally {
            broker.close();
        }
    }

    @Test
    void startingTheBundleOffersMqttAtOnceAndItCarriesTheFileStoppingItTakesItAway() throws Exception {
        Display display = Display.getCurrent();
        TransferService transfers = TestServices.await(TransferService.class);
        IFile file = Workbenches.file("send-source", "roadmap.odp", content());
        Workbenches.sipDropPage();
        assertFalse(dialogOffers("mqtt", file, display, false), "no MQTT in the Send dialog while its bundle is stopped");
        assertFalse(peerIsTold("mqtt"), "peers are not offered MQTT while its bundle is stopped");

        mqtt.start();
        UiWait.until(() -> transfers.schemes().contains("mqtt"), Duration.ofSeconds(30), "the MQTT transport runs");
        assertTrue(peerIsTold("mqtt"), "peers are offered MQTT once its bundle runs, without a restart");
        assertTrue(dialogOffers("mqtt", file, display, true), "the Send dialog lists MQTT and sends with it");
        Workbenches.waitFor(() -> received().isPresent(), peer.aor() + " has received roadmap.odp");
        Transfer got = received().orElseThrow();
        assertEquals("mqtt", got.transport().orElse(""), "it came through the broker");
        assertArrayEquals(content(), Files.readAllBytes(got.file().orElseThrow()));
        assertEquals(List.of(), broker.retainedTopics(Duration.ofSeconds(1)), "nothing retained on the broker");

        mqtt.stop();
        UiWait.until(() -> !transfers.schemes().contains("mqtt"), Duration.ofSeconds(30), "the MQTT transport stopped");
        assertFalse(peerIsTold("mqtt"), "peers stop being offered MQTT when its bundle stops");
        assertFalse(dialogOffers("mqtt", file, display, false), "the Send dialog no longer lists MQTT");
    }

    private static byte[] content() {
        byte[] content = new byte[400 * 1024 + 3];
        new Random(53).nextBytes(content);
        return content;
    }

    /** Opens the Send dialog on {@code file}; @return whether it lists {@code scheme}. Sends with it when asked, else cancels. */
    private boolean dialogOffers(String scheme, IFile file, Display display, boolean send) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        boolean[] listed = new boolean[1];
        Workbenches.whenShellAppears(display, s -> SendDialog.TITLE.equals(s.getText()), dialogShell -> {
            SendDialog dialog = (SendDialog) dialogShell.getData();
            dialog.check(peer.aor(), true);
            try {
                dialog.selectTransport(scheme);
                listed[0] = true;
            } catch (IllegalArgumentException notListed) {
                listed[0] = false;
            }
            UiWait.settle(display);
            if (listed[0] && send) {
                try {
                    dialogShell.setSize(dialogShell.getSize().x, Math.max(dialogShell.getSize().y, 420));
                    UiWait.settle(display);
                    ImageData shot = Screenshots.save(dialogShell, "send-dialog-mqtt");
                    assertTrue(Screenshots.distinctPixels(shot) > 10, "the dialog was drawn");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                Workbenches.press(Workbenches.button(dialogShell, "Send"));
            } else {
                Workbenches.press(Workbenches.button(dialogShell, "Cancel"));
            }
        }, failure);
        Workbenches.execute(Commands.SEND_FILE, Map.of(Commands.SEND_FILE_CONTACT, peer.aor()), new StructuredSelection(file));
        assertNull(failure.get(), () -> "driving the dialog failed: " + failure.get());
        return listed[0];
    }

    /** @return whether the workbench user's OPTIONS answer (what peers are told) lists {@code scheme} */
    private boolean peerIsTold(String scheme) throws Exception {
        return SipCapabilities.transports(peer.userAgent().options(session.self()).get(15, TimeUnit.SECONDS)).contains(scheme);
    }

    private Optional<Transfer> received() {
        return peer.agent().transfers().stream().filter(t -> t.direction() == Direction.INCOMING
                && t.offer().name().equals("roadmap.odp") && t.state() == TransferState.COMPLETED).findFirst();
    }
}
