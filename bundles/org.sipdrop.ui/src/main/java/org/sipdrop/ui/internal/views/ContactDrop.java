package org.sipdrop.ui.internal.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IPath;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.FileTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ResourceTransfer;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.ui.internal.send.SendJob;
import org.sipdrop.ui.internal.send.SendRequest;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * Files dropped onto a contact are offered to that contact, through the one {@link SendJob}
 * with the transport chosen automatically: from the desktop or a file manager
 * ({@link FileTransfer}), from the Project Explorer ({@link ResourceTransfer}, or the local
 * selection it drags).
 */
final class ContactDrop extends DropTargetAdapter {

    private final TableViewer viewer;
    private final Supplier<Optional<WorkbenchSession>> session;

    private ContactDrop(TableViewer viewer, Supplier<Optional<WorkbenchSession>> session) {
        this.viewer = viewer;
        this.session = session;
    }

    static ContactDrop install(TableViewer viewer, Supplier<Optional<WorkbenchSession>> session) {
        ContactDrop drop = new ContactDrop(viewer, session);
        DropTarget target = new DropTarget(viewer.getControl(), DND.DROP_COPY | DND.DROP_MOVE | DND.DROP_LINK | DND.DROP_DEFAULT);
        target.setTransfer(new Transfer[] { LocalSelectionTransfer.getTransfer(), ResourceTransfer.getInstance(),
                FileTransfer.getInstance() });
        target.addDropListener(drop);
        return drop;
    }

    @Override
    public void dragEnter(DropTargetEvent event) {
        event.detail = DND.DROP_COPY;
    }

    @Override
    public void dragOperationChanged(DropTargetEvent event) {
        event.detail = DND.DROP_COPY;
    }

    @Override
    public void dragOver(DropTargetEvent event) {
        event.feedback = DND.FEEDBACK_SELECT | DND.FEEDBACK_SCROLL;
        event.detail = rowAt(new Point(event.x, event.y)).isPresent() ? DND.DROP_COPY : DND.DROP_NONE;
    }

    @Override
    public void drop(DropTargetEvent event) {
        Object data = LocalSelectionTransfer.getTransfer().isSupportedType(event.currentDataType)
                ? LocalSelectionTransfer.getTransfer().getSelection() : event.data;
        if (!drop(new Point(event.x, event.y), data)) {
            event.detail = DND.DROP_NONE;
        }
    }

    /**
     * Offers the files in {@code data} to the contact under {@code displayPoint}.
     *
     * @param data what a transfer delivered: {@code String[]} paths, {@code IResource[]}, or a structured selection
     * @return whether there was a contact there and at least one file
     */
    boolean drop(Point displayPoint, Object data) {
        Optional<ContactRow> row = rowAt(displayPoint);
        List<Path> files = files(data);
        if (row.isEmpty() || files.isEmpty()) {
            return false;
        }
        SendRequest request;
        try {
            request = new SendRequest(files, List.of(row.get().contact().address()), SendOptions.AUTO);
        } catch (IllegalArgumentException e) { // a folder or an unreadable file among them
            MessageDialog.openInformation(viewer.getControl().getShell(), "Send File", e.getMessage());
            return false;
        }
        SendJob.start(session.get(), request, viewer.getControl().getShell());
        return true;
    }

    private Optional<ContactRow> rowAt(Point displayPoint) {
        Table table = viewer.getTable();
        TableItem item = table.getItem(table.toControl(displayPoint));
        return item != null && item.getData() instanceof ContactRow ? Optional.of((ContactRow) item.getData()) : Optional.empty();
    }

    /** @return the local files in a transfer's data; workspace resources by their location */
    static List<Path> files(Object data) {
        List<Path> files = new ArrayList<>();
        if (data instanceof String[]) {
            for (String p : (String[]) data) {
                files.add(Path.of(p));
            }
        } else if (data instanceof IResource[]) {
            for (IResource r : (IResource[]) data) {
                location(r).ifPresent(files::add);
            }
        } else if (data instanceof IStructuredSelection) {
            for (Object o : ((IStructuredSelection) data).toList()) {
                Optional.ofNullable(Adapters.adapt(o, IResource.class)).flatMap(ContactDrop::location).ifPresent(files::add);
            }
        }
        return files;
    }

    private static Optional<Path> location(IResource r) {
        IPath location = r.getLocation();
        return location == null ? Optional.empty() : Optional.of(location.toFile().toPath());
    }
}
