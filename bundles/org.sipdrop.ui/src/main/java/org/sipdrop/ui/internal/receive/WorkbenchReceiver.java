package org.sipdrop.ui.internal.receive;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.IPath;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.ui.internal.session.WorkbenchSession;

/**
 * The receiving side of the workbench: whenever the {@link WorkbenchSession} signs in, its
 * agent gets the notification as the prompt for offers the policy leaves to the user, and every
 * accepted file is brought into the workspace when it has arrived. Files the policy accepts by
 * itself (trusted contacts, size and type limits) land the same way, without a notification.
 */
@Component(service = Landings.class)
public final class WorkbenchReceiver implements Landings {

    /** How long an offer waits for the user: below the senders' default answer timeout of 120 s. */
    static final Duration WAIT_FOR_USER = Duration.ofSeconds(100);

    private final WorkbenchSession session;
    private final Destinations<IPath> destinations = new Destinations<>();
    private final ReceivedFiles files;
    private final OfferPrompt prompt;
    private final Map<FileTransferAgent, Boolean> attached = Collections.synchronizedMap(new WeakHashMap<>());
    private final Consumer<WorkbenchSession.State> stateListener = s -> attach();

    @Activate
    public WorkbenchReceiver(@Reference WorkbenchSession session) {
        this.session = session;
        this.files = new ReceivedFiles(ResourcesPlugin.getWorkspace().getRoot(), destinations);
        this.prompt = new OfferPrompt(this::notify, destinations, WAIT_FOR_USER);
        session.addStateListener(stateListener);
        attach();
    }

    /** Installs the prompt and the landing on the session's current agent, once per agent. */
    private void attach() {
        Optional<FileTransferAgent> agent = session.agent();
        if (agent.isPresent() && attached.putIfAbsent(agent.get(), Boolean.TRUE) == null) {
            agent.get().onOffer(prompt);
            agent.get().onIncoming(files::follow);
        }
    }

    /** Opens the notification on the UI thread; @return its closer, or null without a workbench */
    private Runnable notify(String sender, FileOffer offer, CompletableFuture<OfferReply> reply) {
        if (!PlatformUI.isWorkbenchRunning()) {
            return null;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        if (display.isDisposed()) {
            return null;
        }
        SaveLocation saveLocation = new SaveLocation(ResourcesPlugin.getWorkspace().getRoot());
        OfferNotification[] shown = new OfferNotification[1];
        display.asyncExec(() -> {
            if (reply.isDone()) {
                return;
            }
            shown[0] = new OfferNotification(display, sender, offer, reply, s -> saveLocation.ask(parent(s), offer.name()));
            shown[0].open();
        });
        return () -> {
            reply.complete(OfferReply.reject()); // a notification not yet shown then never opens
            display.asyncExec(() -> {
                if (shown[0] != null) {
                    shown[0].close();
                }
            });
        };
    }

    private static Shell parent(Shell fallback) {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        return window != null ? window.getShell() : fallback;
    }

    @Override
    public Optional<IFile> fileOf(Transfer transfer) {
        return files.fileOf(transfer);
    }

    @Override
    public void addListener(BiConsumer<Transfer, IFile> listener) {
        files.addListener(listener);
    }

    @Override
    public void removeListener(BiConsumer<Transfer, IFile> listener) {
        files.removeListener(listener);
    }

    @Deactivate
    void deactivate() {
        session.removeStateListener(stateListener);
    }
}
