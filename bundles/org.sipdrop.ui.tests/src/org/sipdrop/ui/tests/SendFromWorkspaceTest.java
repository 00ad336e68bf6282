package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.navigator.CommonNavigator;
import org.sipdrop.ui.internal.SipDropPerspective;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.send.Commands;
import org.sipdrop.ui.internal.send.SendDialog;
import org.sipdrop.ui.internal.send.SendJob;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.transfers.TransferJob;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactStore;
import org.sipdrop.ui.internal.views.TransfersView;

/**
 * Sending from the workspace, as the Project Explorer's context menu does it: the Send To
 * command with a selected workspace file, and the Send to Contact… dialog, each to a headless
 * peer registered at the workbench's embedded server. The file arrives byte for byte, a job
 * follows the transfer in the Progress view, and the Transfers view shows it completed.
 */
class SendFromWorkspaceTest {

    private WorkbenchSession session;
    private HeadlessPeer bob;
    private final List<Job> transferJobs = new CopyOnWriteArrayList<>();
    private final JobChangeAdapter jobWatch = new JobChangeAdapter() {
        @Override
        public void scheduled(IJobChangeEvent event) {
            if (event.getJob() instanceof TransferJob) {
                transferJobs.add(event.getJob());
            }
        }
    };

    @BeforeEach
    void signInAndStartAPeer() throws Exception {
        session = Sessions.signedIn();
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        bob = HeadlessPeer.register("bob-send", Sessions.tcpUri(server));
        Job.getJobManager().addJobChangeListener(jobWatch);
    }

    @AfterEach
    void stopThePeer() {
        Job.getJobManager().removeJobChangeListener(jobWatch);
        if (bob != null) {
            bob.close();
        }
    }

    @Test
    void sendToCommandOnASelectedWorkspaceFileDeliversItToTheContact() throws Exception {
        byte[] content = "Notes from the workspace, sent over SIP and MSRP.\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        IFile file = Workbenches.file("send-source", "notes.txt", content);
        TransfersView view = Workbenches.transfersView();

        Object job = Workbenches.execute(Commands.SEND_TO, Map.of(Commands.SEND_TO_CONTACT, bob.aor()), new StructuredSelection(file));

        assertTrue(job instanceof SendJob, "the handler started a send job: " + job);
        Workbenches.waitFor(() -> ((SendJob) job).getResult() != null, "the offer is sent");
        Path arrived = bob.folder().resolve("notes.txt");
        Workbenches.waitFor(() -> arrived.toFile().length() == content.length, "bob has notes.txt"); // an empty reservation first
        assertArrayEquals(content, Files.readAllBytes(arrived));
        assertEquals(java.util.Optional.empty(), ((SendJob) job).result().failure());
        Transfer sent = ((SendJob) job).result().transfers().get(0);
        Workbenches.waitFor(() -> sent.state() == TransferState.COMPLETED, "alice's side completes");
        assertTrue(transferJobs.stream().anyMatch(j -> ((TransferJob) j).transfer() == sent), "a Progress view job followed the transfer");
        Workbenches.waitFor(() -> "Completed".equals(stateShown(view, "notes.txt")), "the Transfers view shows notes.txt completed");
        assertEquals(bob.aor(), cell(view, "notes.txt", "Peer"));
        assertEquals("Send", cell(view, "notes.txt", "Direction"));
        assertEquals("msrp", cell(view, "notes.txt", "Transport"));
    }

    @Test
    void sendDialogPreselectsTheContactAndSendsToEveryCheckedOne() throws Exception {
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        try (HeadlessPeer erin = HeadlessPeer.register("erin-send", Sessions.tcpUri(server))) {
            sendWithTheDialogToBobAndAlso(erin);
        }
    }

    private void sendWithTheDialogToBobAndAlso(HeadlessPeer erin) throws Exception {
        new ContactStore(InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE)).save(List.of(
                new Contact("Bob Builder", bob.aor()), new Contact("Erin", erin.aor()), new Contact("Carol", "sip:carol@127.0.0.1")));
        byte[] content = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(content);
        IFile file = Workbenches.file("send-source", "design.bin", content);
        Workbenches.sipDropPage();
        Display display = Display.getCurrent();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<ImageData> shot = new AtomicReference<>();

        Workbenches.whenShellAppears(display, s -> SendDialog.TITLE.equals(s.getText()), dialogShell -> {
            SendDialog dialog = (SendDialog) dialogShell.getData();
            dialogShell.setSize(560, 470);
            UiWait.settle(display);
            assertTrue(Workbenches.button(dialogShell, "Send").isEnabled(), "Send is enabled with the file and bob preselected");
            dialog.check(erin.aor(), true); // one-to-many: one offer to each checked contact
            dialog.typeMessage("for Thursday's review");
            UiWait.settle(display);
            try {
                shot.set(Screenshots.save(dialogShell, "send-dialog"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Workbenches.press(Workbenches.button(dialogShell, "Send"));
        }, failure);
        Workbenches.execute(Commands.SEND_FILE, Map.of(Commands.SEND_FILE_CONTACT, bob.aor()), new StructuredSelection(file));

        assertNull(failure.get(), () -> "driving the dialog failed: " + failure.get());
        assertTrue(shot.get() != null && Screenshots.distinctPixels(shot.get()) > 10, "the dialog was drawn");
        for (HeadlessPeer peer : List.of(bob, erin)) {
            Path arrived = peer.folder().resolve("design.bin");
            Workbenches.waitFor(() -> arrived.toFile().length() == content.length, peer.aor() + " has design.bin");
            assertArrayEquals(content, Files.readAllBytes(arrived));
            assertTrue(peer.agent().transfers().stream().anyMatch(t -> t.offer().name().equals("design.bin")
                    && t.offer().description().equals(java.util.Optional.of("for Thursday's review"))),
                    peer.aor() + " got the message with the offer");
        }
        assertTrue(!Files.exists(bob.folder().resolve("design (2).bin")), "one offer per contact, not two to bob");
    }

    @Test
    void projectExplorerContextMenuOffersSendToForFilesAndSendsToTheContactPicked() throws Exception {
        new ContactStore(InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE)).save(List.of(new Contact("Bob Builder", bob.aor())));
        byte[] content = "picked in the Project Explorer\n".getBytes(StandardCharsets.UTF_8);
        IFile file = Workbenches.file("send-source", "picked.txt", content);
        IWorkbenchPage page = Workbenches.sipDropPage();
        CommonNavigator explorer = (CommonNavigator) page.showView(SipDropPerspective.PROJECT_EXPLORER);
        page.activate(explorer);
        Menu menu = explorer.getCommonViewer().getControl().getMenu();

        explorer.selectReveal(new StructuredSelection(file.getProject()));
        assertNull(item(showMenu(menu), "Send To"), "no Send To for a project");
        menu.notifyListeners(SWT.Hide, new Event());

        explorer.selectReveal(new StructuredSelection(file));
        showMenu(menu);
        assertTrue(item(menu, "Send to Contact…") != null, "Send to Contact… is offered for a file");
        MenuItem sendTo = item(menu, "Send To");
        assertTrue(sendTo != null && sendTo.getMenu() != null, "a Send To submenu for a file");
        MenuItem toBob = item(showMenu(sendTo.getMenu()), "Bob Builder (" + bob.aor() + ")");
        assertTrue(toBob != null, "the submenu lists the contact by name");
        toBob.notifyListeners(SWT.Selection, new Event());
        menu.notifyListeners(SWT.Hide, new Event());

        Path arrived = bob.folder().resolve("picked.txt");
        Workbenches.waitFor(() -> arrived.toFile().length() == content.length, "bob has picked.txt");
        assertArrayEquals(content, Files.readAllBytes(arrived));
    }

    /** Shows a menu as a right click does: its managers fill it. */
    private static Menu showMenu(Menu menu) {
        menu.notifyListeners(SWT.Show, new Event());
        UiWait.settle(menu.getDisplay());
        return menu;
    }

    /** @return the item whose text, without mnemonics and accelerator, is {@code text}; null if none */
    private static MenuItem item(Menu menu, String text) {
        for (MenuItem i : menu.getItems()) {
            String shown = i.getText().replace("&", "");
            int tab = shown.indexOf('\t');
            if ((tab >= 0 ? shown.substring(0, tab) : shown).equals(text)) {
                return i;
            }
        }
        return null;
    }

    private static String stateShown(TransfersView view, String file) {
        return cell(view, file, "State");
    }

    /** @return the text of column {@code title} in the row of {@code file}; null when there is no such row */
    static String cell(TransfersView view, String file, String title) {
        int column = -1;
        for (int i = 0; i < view.table().getColumnCount(); i++) {
            if (view.table().getColumn(i).getText().equals(title)) {
                column = i;
            }
        }
        if (column < 0) {
            throw new AssertionError("no column " + title);
        }
        for (TableItem item : view.table().getItems()) {
            if (item.getText(0).equals(file)) {
                return item.getText(column);
            }
        }
        return null;
    }

}
