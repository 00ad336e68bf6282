package org.sipdrop.ui.internal.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.presence.PresenceClient;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.session.UserSessionFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.ui.internal.prefs.PreferenceKeys;
import org.sipdrop.ui.internal.prefs.SecureStore;
import org.sipdrop.ui.internal.views.Contact;
import org.sipdrop.ui.internal.views.ContactStore;

/**
 * The workbench's {@link WorkbenchSession}: signs in on its own worker thread when first used
 * (a delayed component, so a headless application in the same installation never starts a
 * server), follows the contacts and the user's own status in the preferences (watching,
 * unwatching, publishing), and signs out when it goes away. Kept alive for the workbench's
 * life by {@link org.sipdrop.ui.internal.WorkbenchStartup}.
 */
@Component(service = WorkbenchSession.class)
public final class WorkbenchSessionComponent implements WorkbenchSession {

    private static final ILog LOG = Platform.getLog(WorkbenchSessionComponent.class);
    /** How long each publication of the user's status lasts; refreshed while signed in. */
    private static final Duration STATUS_LIFETIME = Duration.ofSeconds(PresenceClient.DEFAULT_EXPIRES);

    private final SignIn signIn;
    private final TransferService transfers;
    private final IEclipsePreferences prefs;
    private final IEclipsePreferences defaults;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "SipDrop workbench session");
        t.setDaemon(true);
        return t;
    });
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private final IPreferenceChangeListener preferenceListener = event -> {
        if (PreferenceKeys.CONTACTS.equals(event.getKey())) {
            submit(this::watchContacts);
        } else if (PreferenceKeys.OWN_STATUS.equals(event.getKey()) || PreferenceKeys.OWN_NOTE.equals(event.getKey())) {
            submit(this::publishOwn);
        }
    };

    /** Restarts asked for whose task has not begun; guards {@link #state} with them. */
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile State state = State.SIGNED_OUT;
    private volatile String failure;
    private volatile String self = "";
    private volatile SignedIn current;
    private volatile Path downloads;

    @Activate
    public WorkbenchSessionComponent(@Reference UserSessionFactory sessions, @Reference EmbeddedServerFactory servers,
            @Reference TransferService transfers) {
        this.signIn = new SignIn(sessions, servers);
        this.transfers = transfers;
        this.prefs = InstanceScope.INSTANCE.getNode(PreferenceKeys.NODE);
        this.defaults = DefaultScope.INSTANCE.getNode(PreferenceKeys.NODE);
        this.downloads = defaultDownloads();
        prefs.addPreferenceChangeListener(preferenceListener);
        submit(this::signIn);
    }

    @Deactivate
    void deactivate() {
        prefs.removePreferenceChangeListener(preferenceListener);
        submit(this::signOut);
        worker.shutdown();
        try {
            if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("SipDrop: signing out took over 30 s; the SIP stack may still be stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return false when the session has gone away and the task will not run */
    private boolean submit(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("SipDrop session: " + e.getMessage(), e);
                }
            });
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
        }
    }

    private SessionSettings settings() {
        return SessionSettings.read(prefs, defaults);
    }

    /** @return the state this sign-in ended in: SIGNED_IN or FAILED */
    private State signIn() {
        SessionSettings s = settings();
        self = s.address().orElse("");
        failure = null;
        setState(State.SIGNING_IN);
        try {
            downloads = s.downloadFolder().map(Path::of).orElse(defaultDownloads());
            Files.createDirectories(downloads);
            WorkbenchPolicy policy = WorkbenchPolicy.of(transfers, s.acceptMode(), s.acceptMaxSize().orElse(null),
                    s.acceptTypes(), this::contacts);
            SignedIn done = signIn.run(s, key -> SecureStore.workbench().get(key).orElse(null), downloads, policy);
            current = done;
            self = done.session().self();
            if (!done.note().isEmpty()) {
                LOG.info("SipDrop: " + done.note());
            }
            publishOwn();
            watchContacts();
            setState(State.SIGNED_IN);
            return State.SIGNED_IN;
        } catch (SignInFailure e) {
            return fail(e.getMessage());
        } catch (IOException e) {
            return fail("Cannot use the download folder " + downloads + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage() + " (Window ▸ Preferences ▸ SipDrop)");
        } catch (RuntimeException e) { // a bug, but the session must not stay SIGNING_IN for ever
            LOG.error("SipDrop: signing in broke", e);
            return fail("Signing in broke: " + e);
        }
    }

    private State fail(String why) {
        failure = why;
        LOG.warn("SipDrop: sign-in failed: " + why);
        setState(State.FAILED);
        return State.FAILED;
    }

    private void signOut() {
        close();
        if (state != State.FAILED) {
            setState(State.SIGNED_OUT);
        }
    }

    /** Ends the current sign-in, if any, without a state change; a failure to end it does not keep the next one from starting. */
    private void close() {
        SignedIn done = current;
        current = null;
        if (done != null) {
            try {
                done.close();
            } catch (RuntimeException e) {
                LOG.error("SipDrop: signing out failed", e);
            }
        }
    }

    private void publishOwn() {
        SignedIn done = current;
        if (done == null) {
            return;
        }
        SessionSettings s = settings();
        // for the workbench's life: the session refreshes it, re-publishes it with the running
        // transports when one starts or stops, and withdraws it at sign-out
        try {
            SipResponse r = done.session().publish(s.ownStatus(), s.ownNote().orElse(null), STATUS_LIFETIME)
                    .get(SignIn.REGISTER.toSeconds() + 1, TimeUnit.SECONDS);
            if (!r.isSuccess()) {
                LOG.warn("SipDrop: publishing your status was refused: " + r.status() + " " + r.reason());
            }
        } catch (ExecutionException e) {
            LOG.warn("SipDrop: publishing your status failed: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            LOG.warn("SipDrop: no answer to publishing your status within " + SignIn.REGISTER.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Subscribes to new contacts and ends the subscriptions of removed ones. */
    private void watchContacts() {
        SignedIn done = current;
        if (done == null) {
            return;
        }
        Set<String> wanted = new HashSet<>(contacts());
        for (String gone : done.watched().stream().filter(c -> !wanted.contains(c)).collect(Collectors.toList())) {
            done.session().presence().unwatch(gone);
            done.watched().remove(gone);
        }
        for (String c : wanted) {
            if (done.watched().add(c)) {
                done.session().presence().watch(c);
            }
        }
    }

    private void setState(State next) {
        State shown;
        synchronized (restarts) {
            // a sign-in that ends while a restart waits is not the one that restart asked for
            shown = restarts.get() > 0 && next != State.SIGNING_IN ? State.SIGNING_IN : next;
            state = shown;
        }
        for (Consumer<State> l : listeners) {
            try {
                l.accept(shown);
            } catch (RuntimeException e) {
                LOG.error("SipDrop: a session listener failed", e);
            }
        }
    }

    private static Path defaultDownloads() {
        return Path.of(Platform.getStateLocation(FrameworkUtil.getBundle(WorkbenchSessionComponent.class)).toOSString(),
                "downloads");
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<String> failure() {
        return state == State.FAILED ? Optional.ofNullable(failure) : Optional.empty();
    }

    @Override
    public String self() {
        return self;
    }

    @Override
    public Optional<FileTransferAgent> agent() {
        SignedIn done = current;
        return done == null ? Optional.empty() : Optional.of(done.session().agent());
    }

    @Override
    public Optional<PresenceClient> presence() {
        SignedIn done = current;
        return done == null ? Optional.empty() : Optional.of(done.session().presence());
    }

    @Override
    public Path downloadFolder() {
        return downloads;
    }

    @Override
    public List<String> contacts() {
        return new ContactStore(prefs).load().stream().map(Contact::address).collect(Collectors.toList());
    }

    @Override
    public CompletableFuture<State> restart() {
        CompletableFuture<State> ended = new CompletableFuture<>();
        State before;
        synchronized (restarts) {
            restarts.incrementAndGet();
            before = state;
            state = State.SIGNING_IN; // listeners hear it from the worker: signIn() announces it
        }
        boolean queued = submit(() -> {
            State endedIn = State.FAILED;
            try {
                restarts.decrementAndGet();
                close(); // no SIGNED_OUT in between: the session is signing in until the new sign-in ends
                endedIn = signIn();
            } finally {
                ended.complete(endedIn);
            }
        });
        if (!queued) { // the session went away
            synchronized (restarts) {
                restarts.decrementAndGet();
                state = before;
            }
            ended.complete(before);
        }
        return ended;
    }

    @Override
    public void addStateListener(Consumer<State> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeStateListener(Consumer<State> listener) {
        listeners.remove(listener);
    }
}
