package org.sipdrop.ui.internal.transfers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

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
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * Cancel, Resume, Open, Show in Project Explorer and Remove on the selected transfers. Resume
 * offers a failed file again: an outgoing one is pushed again and the receiver's part file
 * makes it continue where it stopped (RFC 5547 §8.4, {@code a=file-range}); an incoming one is
 * requested from the sender as a pull (RFC 5547 §8.2.2), which only works when the sender
 * shares that file.
 */
public final class TransferActions {

    private final TableViewer viewer;
    private final IWorkbenchPartSite site;
    private final ServiceAccess<WorkbenchSession> session;
    private final ServiceAccess<Landings> landings;
    private final Consumer<String> remove;
    private final Runnable refresh;
    private final List<SelectionAction> all;

    /** An action enabled by a test on the selected transfers. */
    private static final class SelectionAction extends Action {
        private final Predicate<List<Transfer>> enabled;
        private final Consumer<List<Transfer>> run;
        private final TableViewer viewer;

        SelectionAction(TableViewer viewer, String text, String image, Predicate<List<Transfer>> enabled, Consumer<List<Transfer>> run) {
            super(text);
            this.viewer = viewer;
            this.enabled = enabled;
            this.run = run;
            if (image != null) {
                setImageDescriptor(PlatformUI.getWorkbench().getSharedImages().getImageDescriptor(image));
            }
        }

        void update() {
            List<Transfer> s = selected(viewer);
            setEnabled(!s.isEmpty() && enabled.test(s));
        }

        @Override
        public void run() {
            update();
            if (isEnabled()) {
                run.accept(selected(viewer));
            }
        }
    }

    /**
     * @param remove hides a transfer from the view, by id
     * @param refresh redraws the view
     */
    public TransferActions(TableViewer viewer, IWorkbenchPartSite site, ServiceAccess<WorkbenchSession> session,
            Consumer<String> remove, Runnable refresh) {
        this.viewer = viewer;
        this.site = site;
        this.session = session;
        this.landings = new ServiceAccess<>(TransferActions.class, Landings.class);
        this.remove = remove;
        this.refresh = refresh;
        this.all = List.of(
                new SelectionAction(viewer, "Cancel", ISharedImages.IMG_ELCL_STOP,
                        s -> s.stream().anyMatch(t -> !t.state().isTerminal()), s -> s.forEach(Transfer::cancel)),
                new SelectionAction(viewer, "Resume", ISharedImages.IMG_TOOL_REDO,
                        s -> s.stream().allMatch(this::resumable), s -> s.forEach(this::resume)),
                new SelectionAction(viewer, "Open", null,
                        s -> s.size() == 1 && localFile(s.get(0)).isPresent(), s -> open(s.get(0))),
                new SelectionAction(viewer, "Show in Project Explorer", null,
                        s -> s.size() == 1 && workspaceFile(s.get(0)).isPresent(), s -> show(s.get(0))),
                new SelectionAction(viewer, "Remove", ISharedImages.IMG_ELCL_REMOVE,
                        s -> s.stream().allMatch(t -> t.state().isTerminal()), s -> {
                            s.forEach(t -> remove.accept(t.id()));
                            refresh.run();
                        }));
        viewer.addSelectionChangedListener(e -> update());
        viewer.addDoubleClickListener(e -> all.get(2).run());
        update();
    }

    /** Adds every action to a context menu. */
    public void fill(IContributionManager menu) {
        all.forEach(menu::add);
        menu.add(new Separator("additions"));
    }

    /** Adds the actions that have an icon (Cancel, Resume, Remove) to a tool bar. */
    public void fillToolBar(IContributionManager toolBar) {
        all.stream().filter(a -> a.getImageDescriptor() != null).forEach(toolBar::add);
    }

    /** Re-evaluates which actions apply to the selection. */
    public void update() {
        all.forEach(SelectionAction::update);
    }

    /** @return the action called {@code text}, for tests */
    public Action action(String text) {
        return all.stream().filter(a -> a.getText().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No action '" + text + "'"));
    }

    private static List<Transfer> selected(TableViewer viewer) {
        return ((IStructuredSelection) viewer.getSelection()).toList().stream()
                .filter(Transfer.class::isInstance).map(Transfer.class::cast).toList();
    }

    private boolean resumable(Transfer t) {
        boolean stopped = t.state() == TransferState.FAILED || t.state() == TransferState.CANCELLED;
        if (!stopped || session.get().flatMap(WorkbenchSession::agent).isEmpty()) {
            return false;
        }
        return t.direction() == Direction.INCOMING || t.file().filter(Files::isRegularFile).isPresent();
    }

    private void resume(Transfer t) {
        Optional<FileTransferAgent> agent = session.get().flatMap(WorkbenchSession::agent);
        if (agent.isEmpty()) {
            return;
        }
        SendOptions options = SendOptions.defaults().via(t.transport().orElse(SendOptions.AUTO));
        Job job = Job.create("Resuming " + t.offer().name(), monitor -> {
            try {
                if (t.direction() == Direction.OUTGOING) {
                    agent.get().send(t.peer(), List.of(t.file().orElseThrow()), options);
                } else {
                    agent.get().request(t.peer(), t.offer(), options);
                }
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException e) {
                return Status.error("Cannot resume " + t.offer().name() + " with " + t.peer() + ": " + e.getMessage(), e);
            }
        });
        job.schedule();
    }

    /** @return the file on this disk: the landed workspace file of a received one, or the sent file */
    private Optional<Path> localFile(Transfer t) {
        Optional<Path> landed = landings.get().flatMap(l -> l.fileOf(t)).map(f -> f.getLocation()).map(l -> l.toPath());
        Optional<Path> file = landed.isPresent() ? landed : t.file();
        return file.filter(Files::isRegularFile);
    }

    /** @return the workspace file of the transfer, if the file is inside the workspace */
    private Optional<IFile> workspaceFile(Transfer t) {
        Optional<IFile> landed = landings.get().flatMap(l -> l.fileOf(t));
        if (landed.isPresent()) {
            return landed.filter(IFile::exists);
        }
        return t.file().flatMap(p -> List.of(ResourcesPlugin.getWorkspace().getRoot().findFilesForLocationURI(p.toUri()))
                .stream().filter(IFile::exists).findFirst());
    }

    private void open(Transfer t) {
        IWorkbenchPage page = site.getPage();
        try {
            Optional<IFile> file = workspaceFile(t);
            if (file.isPresent()) {
                IDE.openEditor(page, file.get());
            } else {
                IDE.openEditorOnFileStore(page, EFS.getLocalFileSystem().getStore(localFile(t).orElseThrow().toUri()));
            }
        } catch (PartInitException e) {
            ErrorDialog.openError(site.getShell(), "Open", "Cannot open " + t.offer().name(), e.getStatus());
        }
    }

    private void show(Transfer t) {
        try {
            IViewPart view = site.getPage().showView(SipDropPerspective.PROJECT_EXPLORER);
            if (view instanceof ISetSelectionTarget) {
                ((ISetSelectionTarget) view).selectReveal(new StructuredSelection(workspaceFile(t).orElseThrow()));
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
