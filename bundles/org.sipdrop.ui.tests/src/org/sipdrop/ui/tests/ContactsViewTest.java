package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.presence.Presence;
import org.sipdrop.presence.PresenceStatus;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.ui.internal.SipDropPerspective;
import org.sipdrop.ui.internal.Views;
import org.sipdrop.ui.internal.contacts.ContactCommands;
import org.sipdrop.ui.internal.session.WorkbenchSession;
import org.sipdrop.ui.internal.views.ContactRow;
import org.sipdrop.ui.internal.views.ContactStore;
import org.sipdrop.ui.internal.views.ContactsView;

/**
 * The Contacts view against a headless peer registered at the workbench's embedded server:
 * added through the Add Contact dialog, shown with its live presence, sent a file by dropping
 * it on the contact, told the user's own status, and shown offline once it goes away.
 */
class ContactsViewTest {

    private static final Duration PRESENCE = Duration.ofSeconds(30);

    private WorkbenchSession session;
    private ContactsView view;
    private HeadlessPeer peer;

    @BeforeEach
    void openView() throws Exception {
        session = Sessions.signedIn();
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        PlatformUI.getWorkbench().showPerspective(SipDropPerspective.ID, window);
        IWorkbenchPage page = window.getActivePage();
        view = (ContactsView) page.showView(Views.CONTACTS);
        peer = HeadlessPeer.register("dora", Sessions.tcpUri(server()));
    }

    private static EmbeddedServer server() throws InterruptedException {
        return TestServices.await(EmbeddedServerFactory.class).running().stream().filter(EmbeddedServer::isRunning).findFirst()
                .orElseThrow(() -> new AssertionError("no embedded server"));
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (peer != null) {
            peer.close();
        }
        new ContactStore(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode("org.sipdrop.ui")).save(java.util.List.of());
    }

    @Test
    void showsAHeadlessPeerAvailableAndOfflineOnceItGoesAway() throws Exception {
        peer.publish(PresenceStatus.AVAILABLE, "reviewing the build");
        addContactThroughTheDialog("Dora", "dora");

        TableItem row = awaitRow(peer.aor(), "Available");
        assertEquals("Dora", row.getText(0));
        assertEquals("reviewing the build", row.getText(2));
        assertNotNull(row.getImage(0), "a presence icon");
        assertEquals("Signed in as " + session.self(), view.sessionText());

        try (HeadlessPeer erin = HeadlessPeer.register("erin", Sessions.tcpUri(server()))) {
            erin.publish(PresenceStatus.BUSY, "in a call until 3");
            ContactStore store = new ContactStore(org.eclipse.core.runtime.preferences.InstanceScope.INSTANCE.getNode("org.sipdrop.ui"));
            store.put(new org.sipdrop.ui.internal.views.Contact("Erin", erin.aor()));
            store.put(new org.sipdrop.ui.internal.views.Contact("Frank", "sip:frank@127.0.0.1"));
            assertNotNull(awaitRow(erin.aor(), "Busy").getImage(0));
            assertEquals("Offline", awaitRow("sip:frank@127.0.0.1", "Offline").getText(1), "no presence known: offline");
            Shell shell = view.getSite().getShell();
            Rectangle before = shell.getBounds();
            IWorkbenchPage page = view.getSite().getPage();
            page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
            try {
                shell.setBounds(0, 0, 820, 420);
                UiWait.settle(shell.getDisplay());
                ImageData shot = Screenshots.save(shell, "contacts");
                assertTrue(Screenshots.distinctPixels(shot) > 10, "the screenshot shows a drawn view");
            } finally {
                page.setPartState(page.getReference(view), IWorkbenchPage.STATE_RESTORED);
                shell.setBounds(before);
            }
        }

        peer.close();
        peer = null;
        awaitRow("sip:dora@127.0.0.1", "Offline");
    }

    @Test
    void publishesTheOwnStatusChosenInTheSelector() throws Exception {
        peer.watch(session.self());
        Widgets.select(view.statusSelector(), PresenceStatus.BUSY.ordinal());
        Text note = view.noteField();
        Widgets.type(note, "in a call");
        note.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());

        try {
            UiWait.until(() -> peer.presenceOf(session.self()).map(p -> p.status() == PresenceStatus.BUSY
                    && p.note().orElse("").equals("in a call")).orElse(false), PRESENCE, "the peer sees the user busy, in a call");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the peer sees " + peer.presenceOf(session.self()), e);
        }
        Presence seen = peer.presenceOf(session.self()).orElseThrow();
        assertTrue(seen.transferSchemes().contains("msrp"), "the publication advertises the installed transports: " + seen);

        Widgets.select(view.statusSelector(), PresenceStatus.AVAILABLE.ordinal());
        Widgets.type(note, "");
        note.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new org.eclipse.swt.widgets.Event());
        UiWait.until(() -> peer.presenceOf(session.self()).map(p -> p.status() == PresenceStatus.AVAILABLE).orElse(false),
                PRESENCE, "the peer sees the user available again");
    }

    @Test
    void offersAFileDroppedOnAContact() throws Exception {
        peer.publish(PresenceStatus.AVAILABLE, null);
        addContactThroughTheDialog("Dora", "dora");
        TableItem row = awaitRow(peer.aor(), "Available");
        Path file = Files.createTempDirectory("sipdrop-drop").resolve("notes from the workspace.txt");
        Files.writeString(file, "dropped on a contact\n".repeat(500), StandardCharsets.UTF_8);

        Table table = row.getParent();
        Rectangle bounds = row.getBounds(0);
        Point onRow = table.toDisplay(bounds.x + 4, bounds.y + bounds.height / 2);
        assertTrue(view.dropAt(onRow, new String[] { file.toString() }), "the drop lands on the contact");

        Path received = peer.folder().resolve(file.getFileName().toString());
        UiWait.until(() -> received.toFile().length() == file.toFile().length(), Duration.ofSeconds(60), "the peer receives the dropped file");
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(received), "the same bytes arrive");
    }

    @Test
    void offersWorkspaceFilesDroppedFromTheProjectExplorer() throws Exception {
        peer.publish(PresenceStatus.AVAILABLE, null);
        addContactThroughTheDialog("Dora", "dora");
        TableItem row = awaitRow(peer.aor(), "Available");
        IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("drop-" + Long.toHexString(System.nanoTime()));
        project.create(null);
        project.open(null);
        IFile first = project.getFile("first.txt");
        first.create(new ByteArrayInputStream("a workspace file\n".getBytes(StandardCharsets.UTF_8)), true, null);
        IFile second = project.getFile("second.txt");
        second.create(new ByteArrayInputStream("dragged as a selection\n".getBytes(StandardCharsets.UTF_8)), true, null);
        try {
            Rectangle bounds = row.getBounds(0);
            Point onRow = row.getParent().toDisplay(bounds.x + 4, bounds.y + bounds.height / 2);
            // the two forms a Project Explorer drag delivers: ResourceTransfer data and the local selection
            assertTrue(view.dropAt(onRow, new IResource[] { first }), "resources dropped on the contact");
            assertTrue(view.dropAt(onRow, new StructuredSelection(second)), "a selection dropped on the contact");
            for (IFile f : new IFile[] { first, second }) {
                Path received = peer.folder().resolve(f.getName());
                UiWait.until(() -> received.toFile().length() == f.getLocation().toFile().length(), Duration.ofSeconds(60),
                        "the peer receives " + f.getName());
                assertArrayEquals(Files.readAllBytes(f.getLocation().toFile().toPath()), Files.readAllBytes(received));
            }
            assertFalse(view.dropAt(new Point(-1000, -1000), new IResource[] { first }), "nothing is sent when no contact is under the drop");
        } finally {
            project.delete(true, true, null);
        }
    }

    /** Runs Add Contact… and fills its dialog the way a user would, from inside its modal loop. */
    private void addContactThroughTheDialog(String name, String address) throws Exception {
        Dialogs.answer("Add Contact", dialog -> {
            Text addressField = (Text) Widgets.find(dialog, c -> c instanceof Text && ((Text) c).getMessage().startsWith("sip:"))
                    .orElseThrow();
            Text nameField = (Text) Widgets.find(dialog, c -> c instanceof Text && ((Text) c).getMessage().startsWith("shown"))
                    .orElseThrow();
            Widgets.type(addressField, address);
            Widgets.type(nameField, name);
            Widgets.click(Widgets.okButton(dialog));
        });
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        IHandlerService handlers = view.getSite().getService(IHandlerService.class);
        handlers.executeCommand(new ParameterizedCommand(commands.getCommand(ContactCommands.ADD_CONTACT), null), null);
    }

    private TableItem awaitRow(String address, String status) {
        UiWait.until(() -> find(address).map(i -> status.equals(i.getText(1))).orElse(false), PRESENCE,
                address + " shows " + status);
        return find(address).orElseThrow();
    }

    private Optional<TableItem> find(String address) {
        for (TableItem item : view.viewer().getTable().getItems()) {
            if (item.getData() instanceof ContactRow && ((ContactRow) item.getData()).contact().address().equals(address)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
