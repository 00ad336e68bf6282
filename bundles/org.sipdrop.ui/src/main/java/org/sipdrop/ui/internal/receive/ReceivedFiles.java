package org.sipdrop.ui.internal.receive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRoot;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IPath;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;

/**
 * Brings received files into the workspace: once an incoming transfer is COMPLETED (size and
 * SHA-1 checked by the agent's store), its file is moved from the agent's download folder into
 * the chosen workspace folder — the Save As… choice or {@link ReceiveFolder#current()} — under
 * a name no existing file has, and the folder is refreshed so the Project Explorer shows it at
 * once. A missing project or folder is created (the "Received Files" project on first use).
 */
final class ReceivedFiles implements Landings {

    private final IWorkspaceRoot root;
    private final Destinations<IPath> destinations;
    private final Map<String, IFile> landed = new ConcurrentHashMap<>();
    private final List<BiConsumer<Transfer, IFile>> listeners = new CopyOnWriteArrayList<>();

    ReceivedFiles(IWorkspaceRoot root, Destinations<IPath> destinations) {
        this.root = root;
        this.destinations = destinations;
    }

    /** Follows an accepted incoming transfer; lands its file when it completes. */
    void follow(Transfer transfer) {
        if (transfer.direction() != Direction.INCOMING) {
            return;
        }
        Optional<IPath> chosen = destinations.take(transfer);
        TransferListener listener = new TransferListener() {
            @Override
            public void stateChanged(Transfer t, TransferState previous) {
                if (t.state().isTerminal()) {
                    t.removeListener(this);
                    if (t.state() == TransferState.COMPLETED) {
                        schedule(t, chosen);
                    }
                }
            }
        };
        transfer.addListener(listener);
        if (transfer.state().isTerminal()) { // it may have ended before the listener was added
            listener.stateChanged(transfer, transfer.state());
        }
    }

    private void schedule(Transfer transfer, Optional<IPath> chosen) {
        Path source = transfer.file().orElse(null);
        if (source == null || landed.containsKey(transfer.id())) {
            return;
        }
        IPath target = chosen.orElseGet(() -> ReceiveFolder.current().append(source.getFileName().toString()));
        WorkspaceJob job = new WorkspaceJob("Saving " + target.lastSegment() + " into " + target.removeLastSegments(1)) {
            @Override
            public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
                return land(transfer, source, target, monitor);
            }
        };
        job.setRule(root);
        job.schedule();
    }

    /** Moves the file into the workspace; runs in a workspace job holding the root rule. */
    IStatus land(Transfer transfer, Path source, IPath target, IProgressMonitor monitor) throws CoreException {
        IContainer folder = ensureFolder(target.removeLastSegments(1), monitor);
        IPath location = folder.getLocation();
        if (location == null) {
            return Status.error("Cannot save " + source.getFileName() + ": " + folder.getFullPath() + " is not on the local disk");
        }
        Path dir = location.toPath();
        String name = FreeName.of(target.lastSegment(),
                n -> folder.getFile(IPath.fromPortableString(n)).exists() || Files.exists(dir.resolve(n)));
        try {
            Files.move(source, dir.resolve(name));
        } catch (IOException e) {
            return Status.error("Cannot move the received " + source.getFileName() + " into " + folder.getFullPath() + ": " + e.getMessage(), e);
        }
        IFile file = folder.getFile(IPath.fromPortableString(name));
        landed.put(transfer.id(), file); // known before the workspace shows it, so it is never shown unknown
        file.refreshLocal(IResource.DEPTH_ZERO, monitor);
        listeners.forEach(l -> l.accept(transfer, file));
        return Status.OK_STATUS;
    }

    /** @return the workspace folder at {@code path}, creating and opening the project and folders it needs */
    IContainer ensureFolder(IPath path, IProgressMonitor monitor) throws CoreException {
        if (path.segmentCount() == 0) {
            throw new CoreException(Status.error("Files cannot be saved in the workspace root: choose a project or folder"));
        }
        IProject project = root.getProject(path.segment(0));
        if (!project.exists()) {
            project.create(monitor);
        }
        if (!project.isOpen()) {
            project.open(monitor);
        }
        IContainer container = project;
        for (int i = 1; i < path.segmentCount(); i++) {
            IFolder folder = container.getFolder(IPath.fromPortableString(path.segment(i)));
            if (!folder.exists()) {
                folder.create(true, true, monitor);
            }
            container = folder;
        }
        return container;
    }

    @Override
    public Optional<IFile> fileOf(Transfer transfer) {
        return Optional.ofNullable(landed.get(transfer.id()));
    }

    @Override
    public void addListener(BiConsumer<Transfer, IFile> listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(BiConsumer<Transfer, IFile> listener) {
        listeners.remove(listener);
    }
}
