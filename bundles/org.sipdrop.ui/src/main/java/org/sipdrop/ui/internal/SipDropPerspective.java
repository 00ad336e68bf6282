package org.sipdrop.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The SipDrop perspective: the Project Explorer to pick files on the left, the editor area in
 * the middle, Contacts on the right, and Transfers below all three, across the whole window, so
 * its columns (file, peer, state with its reason) read at the default window size.
 */
public final class SipDropPerspective implements IPerspectiveFactory {

    /** The perspective id, as declared in plugin.xml. */
    public static final String ID = "org.sipdrop.ui.perspective";
    /** The Common Navigator's Project Explorer (org.eclipse.ui.navigator.resources). */
    public static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        // split off the bottom first: it then spans the window, not only the editor area
        IFolderLayout bottom = layout.createFolder("org.sipdrop.ui.bottom", IPageLayout.BOTTOM, 0.62f, editors);
        bottom.addView(Views.TRANSFERS);
        bottom.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);
        IFolderLayout left = layout.createFolder("org.sipdrop.ui.left", IPageLayout.LEFT, 0.25f, editors);
        left.addView(PROJECT_EXPLORER);
        IFolderLayout right = layout.createFolder("org.sipdrop.ui.right", IPageLayout.RIGHT, 0.70f, editors);
        right.addView(Views.CONTACTS);
        layout.addShowViewShortcut(Views.CONTACTS);
        layout.addShowViewShortcut(Views.TRANSFERS);
        layout.addShowViewShortcut(PROJECT_EXPLORER);
    }
}
