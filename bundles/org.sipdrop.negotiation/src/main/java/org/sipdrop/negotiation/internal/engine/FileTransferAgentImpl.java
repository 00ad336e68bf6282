package org.sipdrop.negotiation.internal.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.sipdrop.transfer.TransferControl;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.sip.IncomingCall;
import org.sipdrop.sip.SipStatus;
import org.sipdrop.sip.SipUserAgent;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.ReceivedFileStore;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;

/**
 * The file-transfer agent of one SIP user agent: sends with {@link OutgoingOffer}, answers
 * INVITEs with {@link IncomingOffer}. Its own thread pool does the slow work (hashing, asking
 * the user, moving bytes), never the SIP stack's threads.
 */
final class FileTransferAgentImpl implements FileTransferAgent {

    private static final AtomicInteger AGENTS = new AtomicInteger();

    private final AgentContext ctx;
    private final List<TransferControl> transfers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Transfer>> incoming = new CopyOnWriteArrayList<>();
    private volatile AcceptancePolicy prompt;
    private volatile boolean open = true;
    private final PageMode pageMode;

    FileTransferAgentImpl(TransferService service, ReceivedFileStore store, SipUserAgent ua, AgentSettings settings) {
        String name = "sipdrop-transfer-" + AGENTS.incrementAndGet() + "-" + ua.account().user();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.ctx = new AgentContext(service, store, ua, settings, executor, new SecureRandom(), transfers::add);
        // asked at each OPTIONS: a transport bundle that starts or stops shows at once
        ua.advertise(() -> {
            List<String> schemes = new ArrayList<>(Transports.schemes(service, Carriage.Kind.SESSION));
            schemes.addAll(Transports.schemes(service, Carriage.Kind.STORAGE));
            return schemes;
        });
        ua.advertiseSessionDescription(() -> FileTransferCapability.describe(ua.contact(), service));
        ua.onInvite(this::invited);
        this.pageMode = new PageMode(ctx, () -> prompt, this::announce);
        ua.onMessage(m -> open ? pageMode.onMessage(m) : SipStatus.TEMPORARILY_UNAVAILABLE);
    }

    private void invited(IncomingCall call) {
        if (!open) {
            call.reject(SipStatus.TEMPORARILY_UNAVAILABLE);
            return;
        }
        try {
            ctx.executor().execute(new IncomingOffer(ctx, call, prompt, this::announce)::handle);
        } catch (RejectedExecutionException e) {
            call.reject(SipStatus.TEMPORARILY_UNAVAILABLE);
        }
    }

    private void announce(TransferControl t) {
        incoming.forEach(l -> l.accept(t));
    }

    @Override
    public List<Transfer> send(String to, List<Path> files, SendOptions options) throws IOException {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(options, "options");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("Give at least one file to send");
        }
        if (!open) {
            throw new IOException("the file-transfer agent is closed");
        }
        if (pageMode.handles(options.via())) {
            return pageMode.send(List.of(to), files, options);
        }
        if (options.indirectionOver().isPresent()) {
            throw new IllegalArgumentException("An offer goes over " + options.indirectionOver().get()
                    + " only when the file goes via a storage transport (content indirection, RFC 4483)");
        }
        TransportChoice.Candidates choice = TransportChoice.candidates(ctx.service(), ctx.userAgent(), to, options,
                ctx.settings().preferredSchemes(), null);
        List<String> candidates = choice.schemes();
        if (candidates.size() == 1) {
            return sendVia(candidates, 0, choice.guessed(), to, files, options);
        }
        List<String> why = new ArrayList<>();
        IOException first = null;
        for (int i = 0; i < candidates.size(); i++) { // a transport that cannot serve now (no storage set up…) gives way to the next
            String scheme = candidates.get(i);
            try {
                return sendVia(candidates, i, choice.guessed(), to, files, options);
            } catch (IOException e) {
                why.add(scheme + ": " + e.getMessage());
                first = first == null ? e : first;
            }
        }
        throw new IOException("no common transport with " + to + " can be used now (" + String.join("; ", why) + ")", first);
    }

    /**
     * Sends over {@code candidates[index]}; a session transport the peer refuses (any refusal when its
     * transports were {@code guessed}, else a 488 with warn-code 302) falls back to the later session ones.
     */
    private List<Transfer> sendVia(List<String> candidates, int index, boolean guessed, String to, List<Path> files,
            SendOptions options) throws IOException {
        String scheme = candidates.get(index);
        if (Transports.isStorage(ctx.service(), scheme)) {
            return pageMode.send(List.of(to), files, options.via(scheme));
        }
        List<String> fallbacks = new ArrayList<>(candidates.subList(index + 1, candidates.size()));
        fallbacks.removeIf(s -> !Transports.isSession(ctx.service(), s));
        return offer(to, scheme, fallbacks, guessed, files, options);
    }

    private List<Transfer> offer(String to, String scheme, List<String> fallbacks, boolean guessed, List<Path> files,
            SendOptions options) throws IOException {
        org.sipdrop.transfer.FileIcon given = options.icon().isPresent() ? Icons.fromFile(options.icon().get()) : null;
        List<FileOffer> offers = new ArrayList<>();
        for (Path f : files) {
            long size = java.nio.file.Files.size(f);
            options.hashProgress().hashed(f, 0, size);
            FileOffer o = ctx.service().describe(f, bytes -> options.hashProgress().hashed(f, bytes, size));
            org.sipdrop.transfer.FileIcon icon = given != null ? given
                    : options.thumbnails() ? Icons.thumbnail(f, o.mediaType()).orElse(null) : null;
            offers.add(options.withMessage(icon == null ? o : o.toBuilder().icon(icon).build()));
        }
        return new OutgoingOffer(ctx, to, scheme, fallbacks, guessed).start(files, offers);
    }

    @Override
    public List<Transfer> sendToAll(List<String> recipients, List<Path> files, SendOptions options) throws IOException {
        if (pageMode.handles(options.via()) && open && !files.isEmpty()) {
            return pageMode.send(List.copyOf(recipients), files, options); // one upload per file, whatever the recipients
        }
        List<Transfer> all = new ArrayList<>();
        IOException first = null;
        for (String to : recipients) { // one INVITE each; a recipient that cannot be offered to does not stop the others
            try {
                all.addAll(send(to, files, options));
            } catch (IOException e) {
                first = first == null ? e : first;
                for (Path f : files) {
                    TransferControl t = ctx.newTransfer(ctx.newId(), FileOffer.builder(String.valueOf(f.getFileName()),
                            java.nio.file.Files.isRegularFile(f) ? java.nio.file.Files.size(f) : 0).build(), to,
                            org.sipdrop.transfer.Direction.OUTGOING, f, () -> { });
                    t.fail(org.sipdrop.transfer.TransferState.FAILED, new org.sipdrop.transfer.TransferFailure(0,
                            "cannot send to " + to + ": " + e.getMessage()));
                    ctx.track(t);
                    all.add(t);
                }
            }
        }
        if (first != null && all.stream().allMatch(t -> t.state() == org.sipdrop.transfer.TransferState.FAILED)) {
            throw first; // nothing could be sent at all
        }
        return all;
    }

    @Override
    public Transfer request(String from, FileOffer wanted, SendOptions options) throws IOException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(wanted, "wanted");
        Objects.requireNonNull(options, "options");
        if (!open) {
            throw new IOException("the file-transfer agent is closed");
        }
        String scheme = TransportChoice.choose(ctx.service(), ctx.userAgent(), from, options, ctx.settings().preferredSchemes(),
                Carriage.Kind.SESSION);
        return new OutgoingPull(ctx, from, scheme).start(wanted);
    }

    @Override
    public Transfer request(String from, String name, SendOptions options) throws IOException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(options, "options");
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("Name the file to request");
        }
        if (!open) {
            throw new IOException("the file-transfer agent is closed");
        }
        String scheme = TransportChoice.choose(ctx.service(), ctx.userAgent(), from, options, ctx.settings().preferredSchemes(),
                Carriage.Kind.SESSION);
        return new OutgoingPull(ctx, from, scheme).startByName(name);
    }

    @Override
    public void onOffer(AcceptancePolicy prompt) {
        this.prompt = prompt;
    }

    @Override
    public void onIncoming(Consumer<Transfer> listener) {
        incoming.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public List<Transfer> transfers() {
        return List.copyOf(transfers);
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        open = false;
        transfers.forEach(Transfer::cancel);
        ctx.executor().shutdownNow();
    }
}
