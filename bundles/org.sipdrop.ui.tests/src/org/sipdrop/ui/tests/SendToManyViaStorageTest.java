package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
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
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.send.Commands;
import org.sipdrop.ui.internal.send.SendDialog;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactStore;

/**
 * One-to-many through a storage (RFC 4483 content indirection), as a user does it: the Send
 * dialog with three contacts checked and the http transport chosen. The file is uploaded ONCE
 * and each contact gets it, because the send path hands the agent the whole recipient list.
 */
class SendToManyViaStorageTest {

    private final IEclipsePreferences prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
    private final List<HeadlessPeer> peers = new ArrayList<>();
    private CountingStorage storage;

    @BeforeEach
    void aStorageAndThreeContacts() throws Exception {
        Sessions.signedIn();
        storage = new CountingStorage();
        prefs.put(PreferenceKeys.STORAGE_URL, storage.base());
        prefs.flush();
        TransferService transfers = TestServices.await(TransferService.class);
        UiWait.until(() -> httpTransportUses(storage.base()) && transfers.schemes().contains("http"), Duration.ofSeconds(30),
                "the HTTP transport takes the storage of the preferences");
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        List<Contact> contacts = new ArrayList<>();
        for (String user : List.of("kim-storage", "lou-storage", "max-storage")) {
            HeadlessPeer peer = HeadlessPeer.register(user, Sessions.tcpUri(server));
            peers.add(peer);
            contacts.add(new Contact(user, peer.aor()));
        }
        new ContactStore(prefs).save(contacts);
    }

    @AfterEach
    void noStorageNoContacts() throws Exception {
        peers.forEach(HeadlessPeer::close);
        new ContactStore(prefs).save(List.of());
        prefs.remove(PreferenceKeys.STORAGE_URL);
        prefs.flush();
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void theSendDialogToThreeContactsViaHttpUploadsTheFileOnce() throws Exception {
        byte[] content = new byte[200 * 1024];
        new Random(31).nextBytes(content);
        IFile file = Workbenches.file("send-source", "slides.pdf", content);
        Workbenches.sipDropPage();
        Display display = Display.getCurrent();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Workbenches.whenShellAppears(display, s -> SendDialog.TITLE.equals(s.getText()), dialogShell -> {
            SendDialog dialog = (SendDialog) dialogShell.getData();
            peers.forEach(p -> dialog.check(p.aor(), true));
            dialog.selectTransport("http");
            UiWait.settle(display);
            Workbenches.press(Workbenches.button(dialogShell, "Send"));
        }, failure);
        int before = storage.puts();

        Workbenches.execute(Commands.SEND_FILE, Map.of(Commands.SEND_FILE_CONTACT, peers.get(0).aor()), new StructuredSelection(file));

        assertNull(failure.get(), () -> "driving the dialog failed: " + failure.get());
        for (HeadlessPeer peer : peers) {
            Workbenches.waitFor(() -> received(peer).isPresent(), peer.aor() + " has received slides.pdf");
            Transfer got = received(peer).orElseThrow();
            assertEquals("http", got.transport().orElse(""), "it came through the storage");
            assertArrayEquals(content, Files.readAllBytes(got.file().orElseThrow()));
        }
        assertEquals(1, storage.puts() - before, "one upload for three recipients");
    }

    /** @return the peer's completed incoming transfer of slides.pdf */
    private static Optional<Transfer> received(HeadlessPeer peer) {
        return peer.agent().transfers().stream().filter(t -> t.direction() == Direction.INCOMING
                && t.offer().name().equals("slides.pdf") && t.state() == TransferState.COMPLETED).findFirst();
    }

    /** @return whether the HTTP transport's service carries {@code base.url} = {@code base} (its configuration) */
    private static boolean httpTransportUses(String base) {
        BundleContext context = FrameworkUtil.getBundle(SendToManyViaStorageTest.class).getBundleContext();
        try {
            var refs = context.getServiceReferences(TransportProvider.class,
                    "(&(" + TransportProvider.SCHEME_PROPERTY + "=http)(base.url=" + base + "))");
            return !refs.isEmpty();
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }
}
