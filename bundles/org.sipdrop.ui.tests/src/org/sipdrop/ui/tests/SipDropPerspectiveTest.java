package org.sipdrop.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.sipdrop.ui.internal.SipDropPerspective;
import org.sipdrop.ui.internal.Views;
import org.sipdrop.ui.internal.views.ContactsView;
import org.sipdrop.ui.internal.views.TransfersView;

/** Runs in the real IDE workbench (product org.sipdrop.ui.product) under Xvfb. */
class SipDropPerspectiveTest {

    @Test
    void perspectiveShowsProjectExplorerContactsAndTransfers() throws Exception {
        IWorkbench workbench = PlatformUI.getWorkbench();
        IWorkbenchWindow window = workbench.getActiveWorkbenchWindow();
        assertNotNull(window, "the workbench has a window");
        workbench.showPerspective(SipDropPerspective.ID, window);
        IWorkbenchPage page = window.getActivePage();
        assertEquals(SipDropPerspective.ID, page.getPerspective().getId());

        IViewPart contacts = page.findView(Views.CONTACTS);
        IViewPart transfers = page.findView(Views.TRANSFERS);
        assertTrue(contacts instanceof ContactsView, "Contacts view is open: " + contacts);
        assertTrue(transfers instanceof TransfersView, "Transfers view is open: " + transfers);
        assertNotNull(page.findView(SipDropPerspective.PROJECT_EXPLORER), "Project Explorer is open");
        java.util.List<org.sipdrop.transfer.Transfer> mine = Sessions.signedIn().agent().orElseThrow().transfers();
        UiWait.until(() -> ((TransfersView) transfers).shown().containsAll(mine), java.time.Duration.ofSeconds(10),
                "the Transfers view lists the " + mine.size() + " transfers of the signed-in user's agent");

        Shell shell = window.getShell();
        shell.setBounds(0, 0, 1200, 780);
        settle(shell.getDisplay());
        ImageData shot = Screenshots.save(shell, "sipdrop-perspective");
        assertEquals(shell.getClientArea().width, shot.width);
        assertTrue(Screenshots.distinctPixels(shot) > 10, "the screenshot shows a drawn workbench, not a blank area");
    }

    /** Lets the workbench lay out and paint; bounded in count. */
    private static void settle(Display display) {
        for (int i = 0; i < 200; i++) {
            while (display.readAndDispatch()) {
                // drain
            }
            if (i % 20 == 0) {
                display.update();
            }
        }
    }
}
