package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartReference;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.ui.internal.send.Commands;
import org.sipdrop.ui.internal.send.SendJob;
import org.sipdrop.ui.internal.transfers.TransferJob;
import org.sipdrop.ui.internal.views.TransfersView;

/**
 * A transfer while it runs: over a transport shaped to 2 MiB/s (the MSRP receiver confirms
 * progress every 4 MiB, RFC 4975 §7.1.2 REPORTs), the Transfers view shows it
 * TRANSFERRING with a speed, and the Progress view has its job. Saves the picture of the
 * workbench with the running transfer.
 */
class RunningTransferTest {

    private static final long RATE = 2 * 1024 * 1024;
    private static final int SIZE = 24 * 1024 * 1024;

    @Test
    void aRunningTransferShowsItsSpeedInTheTransfersViewAndAJobInTheProgressView() throws Exception {
        Sessions.signedIn();
        EmbeddedServer server = TestServices.await(EmbeddedServerFactory.class).running().stream()
                .filter(EmbeddedServer::isRunning).findFirst().orElseThrow(() -> new AssertionError("no embedded server"));
        byte[] content = new byte[SIZE];
        new Random(11).nextBytes(content);
        IFile file = Workbenches.file("send-source", "build-output.zip", content);
        TransfersView view = Workbenches.transfersView();
        view.getSite().getPage().showView(IPageLayout.ID_PROGRESS_VIEW, null, IWorkbenchPage.VIEW_VISIBLE);
        Display display = Display.getCurrent();

        try (HeadlessPeer dave = HeadlessPeer.register("dave-slow", Sessions.tcpUri(server));
                ThrottledTransport shaped = new ThrottledTransport(msrp(), RATE)) {
            SendJob job = (SendJob) Workbenches.execute(Commands.SEND_TO, Map.of(Commands.SEND_TO_CONTACT, dave.aor()),
                    new StructuredSelection(file));
            Workbenches.waitFor(() -> job.getResult() != null, "the offer is sent");
            Transfer t = job.result().transfers().get(0);
            Workbenches.waitFor(() -> t.state().isTerminal() || t.state() == TransferState.TRANSFERRING && t.bytesTransferred() > 0,
                    "the first progress REPORT");
            assertTrue(t.state() == TransferState.TRANSFERRING, "still running: " + t.state() + " " + t.failure() + " at " + t.bytesTransferred());
            Workbenches.waitFor(() -> !String.valueOf(SendFromWorkspaceTest.cell(view, "build-output.zip", "Speed")).isEmpty()
                    && SendFromWorkspaceTest.cell(view, "build-output.zip", "Speed") != null,
                    "the Transfers view shows a speed");
            assertTrue(SendFromWorkspaceTest.cell(view, "build-output.zip", "Speed").endsWith("/s"));
            assertTrue("Transferring".equals(SendFromWorkspaceTest.cell(view, "build-output.zip", "State")));
            assertTrue(java.util.Arrays.stream(Job.getJobManager().find(TransferJob.FAMILY))
                    .anyMatch(j -> ((TransferJob) j).transfer() == t), "the transfer has its job in the Progress view");
            IWorkbenchPage page = view.getSite().getPage();
            IWorkbenchPartReference ref = page.getReference(view);
            page.setPartState(ref, IWorkbenchPage.STATE_MAXIMIZED); // the whole width for the table's columns
            try {
                UiWait.settle(display);
                ImageData shot = Screenshots.save(Workbenches.window().getShell(), "transfers");
                assertTrue(Screenshots.distinctPixels(shot) > 10, "the workbench was drawn");
            } finally {
                page.setPartState(ref, IWorkbenchPage.STATE_RESTORED);
            }

            Workbenches.waitFor(() -> t.state().isTerminal(), "the transfer ends");
            assertTrue(t.state() == TransferState.COMPLETED, "completed: " + t.state() + " " + t.failure());
        }
    }

    /** @return the real MSRP provider, to wrap */
    private static TransportProvider msrp() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(RunningTransferTest.class).getBundleContext();
        for (ServiceReference<TransportProvider> ref : context.getServiceReferences(TransportProvider.class,
                "(" + TransportProvider.SCHEME_PROPERTY + "=msrp)")) {
            TransportProvider p = context.getService(ref);
            if (p != null) {
                return p;
            }
        }
        throw new AssertionError("no MSRP transport registered");
    }
}
