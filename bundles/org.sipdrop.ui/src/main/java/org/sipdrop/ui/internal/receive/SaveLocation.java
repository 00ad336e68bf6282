package org.sipdrop.ui.internal.receive;

import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.runtime.IPath;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.dialogs.SaveAsDialog;

/** Save As… for an incoming file: the IDE's workspace Save As dialog, opened in the default receive folder. */
final class SaveLocation {

    private final IWorkspaceRoot root;

    SaveLocation(IWorkspaceRoot root) {
        this.root = root;
    }

    /** @return the workspace path of the file to create, or null when the user cancelled */
    IPath ask(Shell parent, String offeredName) {
        SaveAsDialog dialog = new SaveAsDialog(parent);
        dialog.setOriginalFile(root.getFile(ReceiveFolder.current().append(OfferNotification.printable(offeredName))));
        dialog.create();
        dialog.setTitle("Save Received File As");
        dialog.setMessage("Choose the workspace folder and name for " + OfferNotification.printable(offeredName));
        return dialog.open() == SaveAsDialog.OK ? dialog.getResult() : null;
    }
}
