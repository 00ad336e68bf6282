package org.sipdrop.cli.internal.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.sipdrop.cli.internal.ClientOptions;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.ConfiguresTransports;
import org.sipdrop.cli.internal.EmbeddedDefaults;
import org.sipdrop.cli.internal.config.Applied;
import org.sipdrop.cli.internal.config.Applier;
import org.sipdrop.cli.internal.config.GivenSettings;
import org.sipdrop.cli.internal.config.TransportFlags;
import org.sipdrop.cli.internal.OptionSpec;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.cli.internal.CliSession;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.session.UserSession;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;

/**
 * {@code sipdrop send}: offers files to one or more users (RFC 5547 push, all files of one
 * recipient in one INVITE) and waits until each is delivered, rejected or failed. Exit 0 only
 * when every recipient confirmed every file.
 */
public final class SendCommand implements Command, OptionSpec, ConfiguresTransports {

    @Override
    public String name() {
        return "send";
    }

    @Override
    public String summary() {
        return "send files to users: they accept or decline; the bytes go over MSRP or via an HTTP storage, verified";
    }

    @Override
    public String usage() {
        return "--to USER[,USER...] [--via SCHEME|auto (msrp, msrps, http, https, or any transport installed)] [--link-lifetime 24h] [--offer-over message|SCHEME (msrp, msrps)] [--icon PICTURE | --thumbnails] [--message TEXT] FILE... "
                + ClientOptions.USAGE + " [--SCHEME-SETTING VALUE…] (each transport's settings: sipdrop transports)";
    }

    @Override
    public Set<String> flags() {
        return ClientOptions.flags(Set.of("thumbnails"));
    }

    @Override
    public Set<String> valued() {
        return ClientOptions.valued(Set.of("to", "via", "link-lifetime", "offer-over", "icon", "message"));
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        ClientOptions client = ClientOptions.from(options, "send");
        List<String> recipients = Recipients.parse(options.value("to").orElseThrow(
                () -> new UsageException("--to is required: who gets the files, e.g. --to bob,carol")), client);
        String via = options.value("via").orElse(SendOptions.AUTO);
        if (!isScheme(via)) {
            throw new UsageException("--via names a transport's scheme (see ./sipdrop transports: msrp, msrps, http, https…)"
                    + " or auto, not '" + via + "'");
        }
        Duration lifetime = lifetime(options.value("link-lifetime").orElse(null));
        String offerOver = options.value("offer-over").orElse("message");
        if (!isScheme(offerOver)) {
            throw new UsageException("--offer-over must be message (a SIP MESSAGE) or a session transport's scheme such as"
                    + " msrp or msrps (an MSRP session), not '" + offerOver + "'");
        }

        List<Path> files = new ArrayList<>();
        for (String f : options.positional()) {
            Path p = Path.of(f);
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new UsageException("cannot read the file '" + f + "'");
            }
            files.add(p);
        }
        if (files.isEmpty()) {
            throw new UsageException("name at least one FILE to send");
        }
        Path icon = options.value("icon").map(Path::of).orElse(null);
        if (icon != null && (!Files.isRegularFile(icon) || !Files.isReadable(icon))) {
            throw new UsageException("cannot read the icon '" + icon + "'");
        }
        SendOptions send = SendOptions.defaults().via(via).indirectionOver(offerOver).icon(icon).thumbnails(options.flag("thumbnails"));
        try {
            send = send.message(options.value("message").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--message: " + e.getMessage());
        }
        if (!"message".equals(offerOver)) {
            boolean storageVia = services.await(TransferService.class, Duration.ofSeconds(10)).map(t -> isStorage(t, via))
                    .orElse(false);
            if (!storageVia) {
                throw new UsageException("--offer-over " + offerOver + " carries a storage link: use it with --via and a"
                        + " storage transport such as http or https (" + via + " stores no files)");
            }
        }
        TransportFlags flags = TransportFlags.installed(services);
        List<GivenSettings> given = EmbeddedDefaults.forSend(flags, options, client, via);
        ViaSettings.requireConfigured(via, flags, given, services);
        TransferOutput out = new TransferOutput(console, client.json());
        try (Applied applied = Applier.applyAll(given, services)) {
            TransferService transfers = CliSession.transfers(services);
            // a sender declines what comes back meanwhile
            try (UserSession session = CliSession.open(client, services, CliSession.declining(transfers))) {
                return sendAll(session.agent(), recipients, files, send.linkLifetime(lifetime), isStorage(transfers, via), out,
                        console);
            }
        } catch (CommandFailure e) {
            out.endLine();
            console.fail(e.getMessage());
            return e.exitCode();
        }
    }

    /** @return whether {@code text} could be a URI scheme (RFC 3986 §3.1), or auto/message */
    static boolean isScheme(String text) {
        return text.matches("[a-z][a-z0-9+.-]{0,31}");
    }

    /** @return whether a running transport stores files for {@code via} (RFC 4483 links) */
    private static boolean isStorage(TransferService transfers, String via) {
        return transfers.transport(via).map(p -> p.carriage(via).kind() == org.sipdrop.transfer.Carriage.Kind.STORAGE)
                .orElse(false);
    }

    private static int sendAll(FileTransferAgent agent, List<String> recipients, List<Path> files, SendOptions options,
            boolean viaStorage, TransferOutput out, Console console) throws CommandFailure {
        SendOptions send = options.onHashing((f, bytes, size) -> out.hashing(f.getFileName().toString(), bytes, size));
        boolean ok = true;
        List<Transfer> all = new ArrayList<>();
        // via a storage every file is uploaded once and offered to everyone; otherwise one INVITE per recipient
        for (List<String> batch : viaStorage ? List.of(recipients) : recipients.stream().map(List::of).toList()) {
            String to = String.join(", ", batch.stream().map(Recipients::address).toList());
            try {
                for (Transfer t : agent.sendToAll(batch, files, send)) {
                    t.addListener(new TransferListener() {
                        @Override
                        public void progress(Transfer transfer, long bytes) {
                            out.progress(transfer, bytes);
                        }

                        @Override
                        public void stateChanged(Transfer transfer, TransferState previous) {
                            out.state(transfer);
                        }
                    });
                    all.add(t);
                }
            } catch (IOException e) {
                out.endLine();
                console.fail("cannot send to " + to + ": " + e.getMessage());
                ok = false;
            }
        }
        for (Transfer t : all) {
            awaitEnd(t);
            out.endLine();
            ok &= report(t, console, out);
        }
        if (viaStorage && !out.isJson() && recipients.size() > 1) {
            long delivered = all.stream().filter(t -> t.state() == TransferState.COMPLETED).count();
            console.out().println("uploaded " + files.size() + " file(s) once for " + recipients.size() + " recipients; "
                    + delivered + " of " + all.size() + " deliveries confirmed");
        }
        return ok ? OK : FAILED;
    }

    /** @return the storage link lifetime of {@code --link-lifetime} (90s, 30m, 24h, 7d), default 24 h */
    static Duration lifetime(String text) throws UsageException {
        return text == null ? SendOptions.DEFAULT_LINK_LIFETIME : Durations.parse("link-lifetime", text);
    }

    private static boolean report(Transfer t, Console console, TransferOutput out) {
        String who = Recipients.address(t.peer());
        String file = t.offer().name();
        switch (t.state()) {
        case COMPLETED:
            if (!out.isJson()) {
                console.out().println("sent " + file + " to " + who + " (" + t.offer().size() + " bytes, sha-1 "
                        + t.offer().sha1Hex().orElse("?") + ")");
            }
            return true;
        case REJECTED:
            int status = t.failure().map(f -> f.status()).orElse(0);
            String why = t.failure().map(Object::toString).orElse("no reason given");
            // RFC 3261 §21: these say the receiver (or its policy) refused; others that the offer never got there
            console.fail(Set.of(403, 415, 486, 488, 603, 606).contains(status) ? who + " declined " + file + ": " + why
                    : "could not offer " + file + " to " + who + ": " + why);
            return false;
        default:
            console.fail("sending " + file + " to " + who + " " + t.state().name().toLowerCase(java.util.Locale.ROOT)
                    + ": " + t.failure().map(Object::toString).orElse("cancelled"));
            return false;
        }
    }

    private static void awaitEnd(Transfer t) throws CommandFailure {
        java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);
        TransferListener l = new TransferListener() {
            @Override
            public void stateChanged(Transfer transfer, TransferState previous) {
                if (transfer.state().isTerminal()) {
                    over.countDown();
                }
            }
        };
        t.addListener(l);
        try {
            while (!t.state().isTerminal()) {
                over.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted while sending " + t.offer().name());
        } finally {
            t.removeListener(l);
        }
    }
}
