package org.sipdrop.ui.internal.transfers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.eclipse.core.filesystem.EFS;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IContributionManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.ErrorDialog;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.ui.ISharedImages;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPartSite;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.ISetSelectionTarget;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.ui.internal.ServiceAccess;
import org.sipdrop.ui.internal.SipDropPerspective;
import org.sipdrop.ui.internal.receive.Landings;
import org.sipdrop.ui.internal.send.SendJob;
import org.sipdrop.ui.internal.send.SendRequest;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * Cancel, Resume, Open, Show in Project Explorer and Remove on the selected rows, and Clear
 * History. A row is a live {@link Transfer} or a finished one from an earlier session
 * ({@link TransferRecord}), which can be opened, shown and removed. Resume offers a failed file
 * again: an outgoing one is sent again through the {@link SendJob} and the receiver's part file
 * makes it continue where it stopped (RFC 5547 §8.4, {@code a=file-range}); an incoming one is
 * requested from the sender as a pull (RFC 5547 §8.2.2), which only works when the sender shares
 * that file.
 */
public final class TransferActions {

    private final IWorkbenchPartSite site;
    private final ServiceAccess<WorkbenchSession> session;
    private final ServiceAccess<Landings> landings;
    private final List<SelectionAction> all;
    private final Action clearHistory;

    /** An action enabled by a test on the selected rows. */
    private static final class SelectionAction extends Action {
        private final Predicate<List<Object>> enabled;
        private final Consumer<List<Object>> run;
        private final TableViewer viewer;

        SelectionAction(TableViewer viewer, String text, String image, Predicate<List<Object>> enabled, Consumer<List<Object>> run) {
            super(text);
            this.viewer = viewer;
            this.enabled = enabled;
            this.run = run;
            if (image != null) {
                setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(image));
            }
        }

        void update() {
            List<Object> s = ((IStructuredSelection) viewer.getSelection()).toList();
            setEnabled(!s.isEmpty() && enabled.test(s));
        }

        @Override
        public void run() {
            update();
            if (isEnabled()) {
                run.accept(((IStructuredSelection) viewer.getSelection()).toList());
            }
        }
    }

    /**
     * @param remove removes rows from the view and the history, by id
     * @param clear removes every finished row from the view and the history
     */
    public TransferActions(TableViewer viewer, IWorkbenchPartSite site, ServiceAccess<WorkbenchSession> session,
            Consumer<List<String>> remove, Runnable clear) {
        this.site = site;
        this.session = session;
        this.landings = new ServiceAccess<>(TransferActions.class, Landings.class);
        this.all = List.of(
                new SelectionAction(viewer, "Cancel", ISharedImages.IMG_ELCL_STOP,
                        s -> live(s).anyMatch(t -> !t.state().isTerminal()), s -> live(s).forEach(Transfer::cancel)),
                new SelectionAction(viewer, "Resume", ISharedImages.IMG_TOOL_REDO,
                        s -> s.stream().allMatch(r -> r instanceof Transfer && resumable((Transfer) r)),
                        s -> live(s).forEach(this::resume)),
                new SelectionAction(viewer, "Open", null,
                        s -> s.size() == 1 && localFile(s.get(0)).isPresent(), s -> open(s.get(0))),
                new SelectionAction(viewer, "Show in Project Explorer", null,
                        s -> s.size() == 1 && workspaceFile(s.get(0)).isPresent(), s -> show(s.get(0))),
                new SelectionAction(viewer, "Remove", ISharedImages.IMG_ELCL_REMOVE,
                        s -> s.stream().allMatch(r -> TransferRecord.of(r).state().isTerminal()),
                        s -> remove.accept(s.stream().map(r -> TransferRecord.of(r).id()).toList())));
        this.clearHistory = new Action("Clear History") {
            @Override
            public void run() {
                clear.run();
            }
        };
        clearHistory.setToolTipText("Forget every finished transfer");
        clearHistory.setImageDescriptor(PlatformUI.getWorkbench().getSharedImages()
                .getImageDescriptor(ISharedImages.IMG_ELCL_REMOVEALL));
        viewer.addSelectionChangedListener(e -> update());
        viewer.addDoubleClickListener(e -> all.get(2).run());
        update();
    }

    /** Adds every action to a context menu. */
    public void fill(IContributionManager menu) {
        all.forEach(menu::add);
        menu.add(new Separator());
        menu.add(clearHistory);
        menu.add(new Separator("additions"));
    }

    /** Adds the actions that have an icon (Cancel, Resume, Remove, Clear History) to a tool bar. */
    public void fillToolBar(IContributionManager toolBar) {
        all.stream().filter(a -> a.getImageDescriptor() != null).forEach(toolBar::add);
        toolBar.add(clearHistory);
    }

    /** Re-evaluates which actions apply to the selection. */
    public void update() {
        all.forEach(SelectionAction::update);
    }

    /** @return the action called {@code text}, for tests */
    public Action action(String text) {
        if (clearHistory.getText().equals(text)) {
            return clearHistory;
        }
        return all.stream().filter(a -> a.getText().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No action '" + text + "'"));
    }

    private static Stream<Transfer> live(List<Object> rows) {
        return rows.stream().filter(Transfer.class::isInstance).map(Transfer.class::cast);
    }

    private boolean resumable(Transfer t) {
        boolean stopped = t.state() == TransferState.FAILED || t.state() == TransferState.CANCELLED;
        if (!stopped || session.get().flatMap(WorkbenchSession::agent).isEmpty()) {
            return false;
        }
        return t.direction() == Direction.INCOMING || t.file().filter(Files::isRegularFile).isPresent();
    }

    private void resume(Transfer t) {
        String via = t.transport().orElse(SendOptions.AUTO);
        if (t.direction() == Direction.OUTGOING) {
            SendJob.start(session.get(), new SendRequest(List.of(t.file().orElseThrow()), List.of(t.peer()), via), site.getShell());
            return;
        }
        Optional<FileTransferAgent> agent = session.get().flatMap(WorkbenchSession::agent);
        if (agent.isEmpty()) {
            return;
        }
        Job job = Job.create("Resuming " + t.offer().name(), monitor -> {
            try {
                agent.get().request(t.peer(), t.offer(), SendOptions.defaults().via(via));
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException e) {
                return Status.error("Cannot resume " + t.offer().name() + " with " + t.peer() + ": " + e.getMessage(), e);
            }
        });
        job.schedule();
    }

    /** @return the file on this disk: the landed workspace file of a received one, or the sent file */
    private Optional<Path> localFile(Object row) {
        Optional<Path> landed = landedFile(row).map(f -> f.getLocation()).map(l -> l.toPath());
        Optional<Path> file = landed.isPresent() ? landed : TransferRecord.of(row).savedFile();
        return file.filter(Files::isRegularFile);
    }

    private Optional<IFile> landedFile(Object row) {
        return row instanceof Transfer ? landings.get().flatMap(l -> l.fileOf((Transfer) row)) : Optional.empty();
    }

    /** @return the workspace file of the row, if the file is inside the workspace */
    private Optional<IFile> workspaceFile(Object row) {
        Optional<IFile> landed = landedFile(row);
        if (landed.isPresent()) {
            return landed.filter(IFile::exists);
        }
        return TransferRecord.of(row).savedFile()
                .flatMap(p -> List.of(ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(p.toUri()))
                        .stream().filter(IFile::exists).findFirst());
    }

    private void open(Object row) {
        IWorkbenchPage page = site.getPage();
        String name = TransferRecord.of(row).name();
        try {
            Optional<IFile> file = workspaceFile(row);
            if (file.isPresent()) {
                IDE.openEditor(page, file.get());
            } else {
                IDE.openEditorOnFileStore(page, EFS.getLocalFileSystem().getStore(localFile(row).orElseThrow().toUri()));
            }
        } catch (PartInitException e) {
            ErrorDialog.openError(site.getShell(), "Open", "Cannot open " + name, e.getStatus());
        }
    }

    private void show(Object row) {
        try {
            IViewPart view = site.getPage().showView(SipDropPerspective.PROJECT_EXPLORER);
            if (view instanceof ISetSelectionTarget) {
                ((ISetSelectionTarget) view).selectReveal(new StructuredSelection(workspaceFile(row).orElseThrow()));
            }
        } catch (PartInitException e) {
            ErrorDialog.openError(site.getShell(), "Show in Project Explorer", "Cannot show the Project Explorer",
                    new Status(IStatus.ERROR, "org.sipdrop.ui", e.getMessage(), e));
        }
    }

    public void dispose() {
        landings.close();
    }
}
