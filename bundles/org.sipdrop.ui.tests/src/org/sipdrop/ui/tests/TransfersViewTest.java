package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.send.Commands;
import org.sipdrop.ui.internal.send.SendJob;
import org.sipdrop.ui.internal.transfers.TransferHistory;
import org.sipdrop.ui.internal.transfers.TransferRecord;
import org.sipdrop.ui.internal.views.TransfersView;

/**
 * What a new user hit in the Transfers view: it forgot every transfer when the workbench
 * restarted, and its default columns cut the file name, the peer and the state.
 */
class TransfersViewTest {

    private HeadlessPeer peer;

    @AfterEach
    void stopThePeer() {
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aTransferOfAnEarlierSessionShowsAsAFinishedRowUntilTheHistoryIsCleared() throws Exception {
        TransferHistory history = TestServices.await(TransferHistory.class);
        Path minutes = Files.writeString(Files.createTempDirectory("sipdrop-history").resolve("minutes-2026-11.txt"), "agreed\n");
        String id = "earlier-session-" + System.nanoTime();
        // as the history file holds it after a restart
        history.put(new TransferRecord(id, "minutes-2026-11.txt", "sip:carol@127.0.0.1", Direction.OUTGOING, "msrp", 7, 7,
                TransferState.COMPLETED, "", minutes.toString(), Instant.now().minusSeconds(86_400)));
        TransfersView view = Workbenches.transfersView();

        Workbenches.waitFor(() -> "Completed".equals(SendFromWorkspaceTest.cell(view, "minutes-2026-11.txt", "State")),
                "the earlier transfer shows as a finished row");
        assertEquals("sip:carol@127.0.0.1", SendFromWorkspaceTest.cell(view, "minutes-2026-11.txt", "Peer"));
        assertEquals("Send", SendFromWorkspaceTest.cell(view, "minutes-2026-11.txt", "Direction"));
        TransferRecord row = view.past().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        view.select(row);
        assertTrue(view.actions().action("Open").isEnabled(), "its file can be opened");
        assertTrue(view.actions().action("Remove").isEnabled(), "it can be removed");
        assertFalse(view.actions().action("Cancel").isEnabled(), "nothing to cancel");
        assertFalse(view.actions().action("Resume").isEnabled(), "an earlier session's transfer is not resumed from here");

        view.actions().action("Clear History").run();

        assertNull(SendFromWorkspaceTest.cell(view, "minutes-2026-11.txt", "State"), "the row is gone");
        assertEquals(List.of(), history.records(), "and so is the history");
        assertTrue(view.shown().stream().noneMatch(t -> t.state().isTerminal()), "finished rows of this session went too");
    }

    @Test
    void aSentFileIsKeptInTheHistoryWithWhereItIs() throws Exception {
        Sessions.signedIn();
        TransferHistory history = TestServices.await(TransferHistory.class);
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        peer = HeadlessPeer.register("gina-history", Sessions.tcpUri(server));
        IFile file = Workbenches.file("send-source", "kept.txt", "kept across restarts\n".getBytes(StandardCharsets.UTF_8));

        SendJob job = (SendJob) Workbenches.execute(Commands.SEND_TO, Map.of(Commands.SEND_TO_CONTACT, peer.aor()),
                new StructuredSelection(file));
        Workbenches.waitFor(() -> job.getResult() != null, "the offer is sent");
        Transfer sent = job.result().transfers().get(0);
        Workbenches.waitFor(() -> history.records().stream().anyMatch(r -> r.id().equals(sent.id())), "the history records it");

        TransferRecord kept = history.records().stream().filter(r -> r.id().equals(sent.id())).findFirst().orElseThrow();
        assertEquals(TransferState.COMPLETED, kept.state());
        assertEquals("kept.txt", kept.name());
        assertEquals(peer.aor(), kept.peer());
        assertEquals(Direction.OUTGOING, kept.direction());
        assertEquals(file.getLocation().toPath().toString(), kept.saved());
    }

    @Test
    void fileNamePeerAndStateReadWholeAtTheDefaultWindowSize() throws Exception {
        IWorkbenchPage page = Workbenches.sipDropPage();
        page.resetPerspective();
        Workbenches.window().getShell().setBounds(0, 0, 1024, 768);
        TransfersView view = (TransfersView) page.showView(org.sipdrop.ui.internal.Views.TRANSFERS);
        UiWait.settle(view.table().getDisplay());

        Table table = view.table();
        GC gc = new GC(table);
        try {
            Map<String, String> typical = Map.of("File", "quarterly-report.pdf", "Peer", "sip:bob@127.0.0.1",
                    "State", "Failed: 486 Busy Here");
            for (Map.Entry<String, String> e : typical.entrySet()) {
                int needed = gc.textExtent(e.getValue()).x + 12; // the cell's margins
                int width = column(table, e.getKey()).getWidth();
                assertTrue(width >= needed, e.getKey() + " is " + width + " px wide, '" + e.getValue() + "' needs " + needed
                        + " (table " + table.getClientArea().width + " px)");
            }
        } finally {
            gc.dispose();
        }
    }

    private static TableColumn column(Table table, String title) {
        for (TableColumn c : table.getColumns()) {
            if (c.getText().equals(title)) {
                return c;
            }
        }
        throw new AssertionError("no column " + title);
    }
}
