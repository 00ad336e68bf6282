package org.sipdrop.ui.internal;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/**
 * The SipDrop perspective: the Project Explorer to pick files on the left, the editor area in
 * the middle, Contacts on the right and Transfers below.
 */
public final class SipDropPerspective implements IPerspectiveFactory {

    /** The perspective id, as declared in plugin.xml. */
    public static final String ID = "org.sipdrop.ui.perspective";
    /** The Common Navigator's Project Explorer (org.eclipse.ui.navigator.resources). */
    public static final String PROJECT_EXPLORER = "org.eclipse.ui.navigator.ProjectExplorer";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        String editors = layout.getEditorArea();
        IFolderLayout left = layout.createFolder("org.sipdrop.ui.left", IPageLayout.LEFT, 0.25f, editors);
        left.addView(PROJECT_EXPLORER);
        IFolderLayout right = layout.createFolder("org.sipdrop.ui.right", IPageLayout.RIGHT, 0.70f, editors);
        right.addView(Views.CONTACTS);
        IFolderLayout bottom = layout.createFolder("org.sipdrop.ui.bottom", IPageLayout.BOTTOM, 0.65f, editors);
        bottom.addView(Views.TRANSFERS);
        bottom.addPlaceholder(IPageLayout.ID_PROGRESS_VIEW);
        layout.addShowViewShortcut(Views.CONTACTS);
        layout.addShowViewShortcut(Views.TRANSFERS);
        layout.addShowViewShortcut(PROJECT_EXPLORER);
    }
}
