package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.testkit.TransportConfiguration;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.send.Commands;
import org.sipdrop.ui.internal.send.SendDialog;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactStore;

/**
 * A transport SipDrop's code has never heard of, as a user meets it: the example shared-folder
 * bundle (examples/org.sipdrop.transport.file, only exported API) is installed and configured,
 * shows up among the Send dialog's transports, and carries the file the user sends with it.
 */
class SendDialogExampleTransportTest {

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private TransportConfiguration configuration;
    private HeadlessPeer peer;

    @BeforeEach
    void theSharedFolderTransportAndAContact() throws Exception {
        Sessions.signedIn();
        Path share = Files.createTempDirectory("sipdrop-share");
        configuration = new TransportConfiguration(FrameworkUtil.getBundle(getClass()).getBundleContext(),
                "org.sipdrop.transport.file", Duration.ofSeconds(30));
        configuration.apply(Map.of("folder", share.toString()));
        TransferService transfers = TestServices.await(TransferService.class);
        UiWait.until(() -> transfers.schemes().contains("file"), Duration.ofSeconds(30), "the shared-folder transport runs");
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        peer = HeadlessPeer.register("nia-share", Sessions.tcpUri(server));
        new ContactStore(prefs).save(List.of(new Contact("nia-share", peer.aor())));
    }

    @AfterEach
    void noTransportNoContact() throws Exception {
        if (peer != null) {
            peer.close();
        }
        new ContactStore(prefs).save(List.of());
        if (configuration != null) {
            configuration.delete();
            configuration.close();
        }
    }

    @Test
    void theSendDialogOffersTheInstalledTransportAndItCarriesTheFile() throws Exception {
        byte[] content = new byte[150 * 1024];
        new Random(37).nextBytes(content);
        IFile file = Workbenches.file("send-source", "budget.ods", content);
        Workbenches.sipDropPage();
        Display display = Display.getCurrent();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Workbenches.whenShellAppears(display, s -> SendDialog.TITLE.equals(s.getText()), dialogShell -> {
            SendDialog dialog = (SendDialog) dialogShell.getData();
            dialog.check(peer.aor(), true);
            dialog.selectTransport("file"); // throws unless the dialog lists it
            UiWait.settle(display);
            Workbenches.press(Workbenches.button(dialogShell, "Send"));
        }, failure);

        Workbenches.execute(Commands.SEND_FILE, Map.of(Commands.SEND_FILE_CONTACT, peer.aor()), new StructuredSelection(file));

        assertNull(failure.get(), () -> "driving the dialog failed: " + failure.get());
        Workbenches.waitFor(() -> received().isPresent(), peer.aor() + " has received budget.ods");
        Transfer got = received().orElseThrow();
        assertEquals("file", got.transport().orElse(""), "it came through the shared folder");
        assertArrayEquals(content, Files.readAllBytes(got.file().orElseThrow()));
    }

    private Optional<Transfer> received() {
        return peer.agent().transfers().stream().filter(t -> t.direction() == Direction.INCOMING
                && t.offer().name().equals("budget.ods") && t.state() == TransferState.COMPLETED).findFirst();
    }
}
