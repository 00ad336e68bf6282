package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.dialogs.SaveAsDialog;
import org.eclipse.ui.IViewPart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.SipDropPerspective;
import org.sipdrop.ui.internal.receive.Landings;
import org.sipdrop.ui.internal.receive.ReceiveFolder;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.TransfersView;

/**
 * An offer from a headless peer shows as a notification (the acceptance policy says "ask");
 * pressing Accept lets the file come, and it lands in the workspace's "Received Files"
 * project, visible to the Project Explorer at once; the Transfers view shows it completed and
 * Show in Project Explorer selects it there.
 */
class IncomingOfferTest {

    private WorkbenchSession session;
    private Landings landings;
    private HeadlessPeer carol;

    @BeforeEach
    void signInAndStartAPeer() throws Exception {
        session = Sessions.signedIn();
        landings = TestServices.await(Landings.class); // the receiving side, as the workbench's startup holds it
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        carol = HeadlessPeer.register("carol-offers", Sessions.tcpUri(server));
    }

    @AfterEach
    void stopThePeer() {
        if (carol != null) {
            carol.close();
        }
    }

    @Test
    void acceptedInTheNotificationTheFileLandsInTheReceivedFilesProject() throws Exception {
        byte[] content = "Minutes of the meeting, from carol.\n".repeat(300).getBytes(StandardCharsets.UTF_8);
        Path outbox = Files.createTempDirectory("carol-outbox");
        Path source = Files.write(outbox.resolve("minutes.txt"), content);
        TransfersView view = Workbenches.transfersView();
        Display display = Display.getCurrent();
        IFile landed = ResourcesPlugin.getWorkspace().getRoot().getFile(ReceiveFolder.current().append("minutes.txt"));
        if (landed.exists()) { // a rerun of a failed test
            landed.delete(true, null);
        }

        List<Transfer> sent = carol.agent().send(session.self(), List.of(source), SendOptions.defaults());

        Shell[] popup = new Shell[1];
        Workbenches.waitFor(() -> (popup[0] = offerPopup(display)) != null, "the offer notification shows");
        UiWait.settle(display);
        ImageData shot = Screenshots.save(popup[0], "incoming-offer");
        assertTrue(Screenshots.distinctPixels(shot) > 10, "the notification was drawn");
        assertTrue(texts(popup[0]).contains(carol.aor() + " offers you"), "names the sender: " + texts(popup[0]));
        assertTrue(texts(popup[0]).contains("minutes.txt"), "names the file");
        assertTrue(texts(popup[0]).contains(sent.get(0).offer().mediaType()), "shows the type: " + texts(popup[0]));
        assertTrue(texts(popup[0]).contains("10.5 KiB"), "shows the size: " + texts(popup[0]));
        assertEquals(TransferState.OFFERED, sent.get(0).state(), "nothing moves before the user answers");

        Workbenches.press(Workbenches.button(popup[0], "Accept"));

        Workbenches.waitFor(landed::exists, "minutes.txt is in " + ReceiveFolder.current() + " and the workspace knows it");
        assertArrayEquals(content, Files.readAllBytes(landed.getLocation().toPath()));
        Transfer received = session.agent().orElseThrow().transfers().stream()
                .filter(t -> t.offer().name().equals("minutes.txt")).reduce((older, newer) -> newer).orElseThrow();
        // the receiving side's state: the sender's may still wait for its last MSRP REPORT
        assertEquals(TransferState.COMPLETED, received.state());
        assertEquals(Optional.of(landed), landings.fileOf(received));
        Workbenches.waitFor(() -> "Completed".equals(SendFromWorkspaceTest.cell(view, "minutes.txt", "State")),
                "the Transfers view shows minutes.txt completed");
        assertEquals("Receive", SendFromWorkspaceTest.cell(view, "minutes.txt", "Direction"));

        view.select(received);
        IViewPart explorer = view.getSite().getPage().findView(SipDropPerspective.PROJECT_EXPLORER);
        // clicked again until the explorer's tree, updated in its own UI job, has the new project
        Workbenches.waitFor(() -> {
            view.actions().action("Show in Project Explorer").run();
            return ((IStructuredSelection) explorer.getSite().getSelectionProvider().getSelection()).toList().contains(landed);
        }, "the Project Explorer selects the received file");
    }

    @Test
    void rejectedInTheNotificationTheSenderIsToldTheUserDeclined() throws Exception {
        Path outbox = Files.createTempDirectory("carol-outbox");
        Path source = Files.writeString(outbox.resolve("unwanted.txt"), "not for you");
        Display display = Display.getCurrent();

        List<Transfer> sent = carol.agent().send(session.self(), List.of(source), SendOptions.defaults());
        Shell[] popup = new Shell[1];
        Workbenches.waitFor(() -> (popup[0] = offerPopup(display)) != null, "the offer notification shows");
        Workbenches.press(Workbenches.button(popup[0], "Reject"));

        Workbenches.waitFor(() -> sent.get(0).state() == TransferState.REJECTED, "carol's transfer ends rejected");
        assertEquals(603, sent.get(0).failure().orElseThrow().status(), "SIP 603 Decline");
        assertTrue(popup[0].isDisposed(), "the notification closed");
        assertTrue(!ResourcesPlugin.getWorkspace().getRoot().getFile(ReceiveFolder.current().append("unwanted.txt")).exists());
    }

    @Test
    void saveAsPutsTheAcceptedFileWhereTheUserChose() throws Exception {
        Workbenches.file("save-target", "README.txt", "a project to save into\n".getBytes(StandardCharsets.UTF_8));
        IFile chosen = ResourcesPlugin.getWorkspace().getRoot().getFile(org.eclipse.core.runtime.IPath.fromPortableString("/save-target/kept minutes.txt"));
        if (chosen.exists()) { // a rerun of a failed test
            chosen.delete(true, null);
        }
        byte[] content = "kept where I want it\n".repeat(100).getBytes(StandardCharsets.UTF_8);
        Path source = Files.write(Files.createTempDirectory("carol-outbox").resolve("later.txt"), content);
        Display display = Display.getCurrent();
        AtomicReference<Throwable> failure = new AtomicReference<>();

        carol.agent().send(session.self(), List.of(source), SendOptions.defaults());
        Shell[] popup = new Shell[1];
        Workbenches.waitFor(() -> (popup[0] = offerPopup(display)) != null, "the offer notification shows");
        Workbenches.whenShellAppears(display, s -> s.getData() instanceof SaveAsDialog, dialogShell -> {
            List<Text> fields = textFields(dialogShell, new java.util.ArrayList<>());
            Text name = fields.stream().filter(t -> t.getText().contains("later.txt")).findFirst()
                    .orElseThrow(() -> new AssertionError("no file name field with the offered name"));
            Text folder = fields.stream().filter(t -> t != name).findFirst()
                    .orElseThrow(() -> new AssertionError("no folder field"));
            folder.setText("save-target");
            name.setText("kept minutes.txt");
            Workbenches.press(dialogShell.getDefaultButton());
        }, failure);
        Workbenches.press(Workbenches.button(popup[0], "Save As…"));

        assertEquals(null, failure.get(), () -> "driving Save As failed: " + failure.get());
        Workbenches.waitFor(chosen::exists, "the file is saved as /save-target/kept minutes.txt");
        assertArrayEquals(content, Files.readAllBytes(chosen.getLocation().toPath()));
    }

    /** @return every text field under {@code root}, in widget order */
    private static List<Text> textFields(Composite root, List<Text> found) {
        for (Control c : root.getChildren()) {
            if (c instanceof Text) {
                found.add((Text) c);
            } else if (c instanceof Composite) {
                textFields((Composite) c, found);
            }
        }
        return found;
    }

    /** @return the open offer notification, if one shows */
    static Shell offerPopup(Display display) {
        for (Shell s : display.getShells()) {
            if (!s.isDisposed() && s.isVisible() && s.getData("org.sipdrop.ui.offer") != null) {
                return s;
            }
        }
        return null;
    }

    /** @return the texts of every label under {@code root}, one per line */
    static String texts(org.eclipse.swt.widgets.Composite root) {
        StringBuilder b = new StringBuilder();
        for (org.eclipse.swt.widgets.Control c : root.getChildren()) {
            if (c instanceof org.eclipse.swt.widgets.Label) {
                b.append(((org.eclipse.swt.widgets.Label) c).getText()).append('\n');
            } else if (c instanceof org.eclipse.swt.widgets.Composite) {
                b.append(texts((org.eclipse.swt.widgets.Composite) c));
            }
        }
        return b.toString();
    }
}
