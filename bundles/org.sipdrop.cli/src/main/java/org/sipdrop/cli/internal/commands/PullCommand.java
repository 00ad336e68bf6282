package org.sipdrop.cli.internal.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.negotiation.FileTransferAgent;
import org.sipdrop.session.UserSession;
import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;

/**
 * {@code sipdrop pull}: requests one file another user shares ({@code sipdrop share}) by its
 * name: an INVITE with a {@code recvonly} stream (RFC 5547 §8.2.2); the holder's answer gives
 * the size, type and SHA-1, the bytes are verified while written and the file saved safely into
 * {@code --into} (the current folder by default). Prints the saved path; exit 0 only when the
 * file arrived verified.
 */
public final class PullCommand implements Command, OptionSpec, ConfiguresTransports {

    @Override
    public String name() {
        return "pull";
    }

    @Override
    public String summary() {
        return "fetch a file another user shares (sipdrop share) by its name; verified, saved safely";
    }

    @Override
    public String usage() {
        return "--from USER --name FILE [--into DIR] [--via SCHEME|auto (a session transport: msrp, msrps, mqtt, mqtts…)]"
                + " [--timeout SECONDS] " + ClientOptions.USAGE + " "
                + " [--SCHEME-SETTING VALUE…] (each transport's settings: sipdrop transports)";
    }

    @Override
    public Set<String> flags() {
        return ClientOptions.flags(Set.of());
    }

    @Override
    public Set<String> valued() {
        return ClientOptions.valued(Set.of("from", "name", "into", "via", "timeout"));
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        ClientOptions client = ClientOptions.from(options, "pull");
        java.util.List<String> holders = Recipients.parse(options.value("from").orElseThrow(
                () -> new UsageException("--from USER is required: who shares the file")), client);
        if (holders.size() != 1) {
            throw new UsageException("--from names one user, the one who shares the file");
        }
        String from = holders.get(0);
        String name = options.value("name").orElseThrow(() -> new UsageException("--name FILE is required: the shared file's name"));
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new UsageException("--name is a file name as the sharer lists it, not a path: '" + name + "'");
        }
        Path into = Path.of(options.value("into").orElse("."));
        String via = options.value("via").orElse(SendOptions.AUTO);
        if (!SendCommand.isScheme(via)) {
            throw new UsageException("--via names a session transport's scheme (msrp, msrps…) or auto, not '" + via + "'");
        }
        int timeout = ReceiveCommand.positive(options, "timeout");
        if (!options.positional().isEmpty()) {
            throw new UsageException("pull takes no arguments besides its options");
        }
        TransportFlags flags = TransportFlags.installed(services);
        List<GivenSettings> given = EmbeddedDefaults.forAny(flags, options);
        ViaSettings.requireConfigured(via, flags, given, services);
        TransferOutput out = new TransferOutput(console, client.json());
        try (Applied applied = Applier.applyAll(given, services)) {
            TransferService transfers = CliSession.transfers(services);
            AgentSettings settings = AgentSettings.of(into, transfers.acceptancePolicy("none", null)); // no pushes meanwhile
            try (UserSession session = CliSession.open(client, services, settings)) {
                FileTransferAgent agent = session.agent();
                Transfer t;
                try {
                    t = agent.request(from, name, SendOptions.defaults().via(via));
                } catch (IOException e) {
                    throw new CommandFailure("cannot request " + name + " from " + Recipients.address(from) + ": " + e.getMessage());
                }
                t.addListener(new TransferListener() {
                    @Override
                    public void progress(Transfer transfer, long bytes) {
                        out.progress(transfer, bytes);
                    }
                });
                awaitEnd(t, timeout);
                out.endLine();
                out.state(t);
                return report(t, name, console, client.json());
            }
        } catch (CommandFailure e) {
            out.endLine();
            console.fail(e.getMessage());
            return e.exitCode();
        }
    }

    private static int report(Transfer t, String name, Console console, boolean json) {
        String who = Recipients.address(t.peer());
        if (t.state() == TransferState.COMPLETED) {
            if (!json) {
                console.out().println(t.file().orElseThrow());
                console.out().flush();
            }
            return OK;
        }
        String why = t.failure().map(Object::toString).orElse(t.state().name().toLowerCase(java.util.Locale.ROOT));
        console.fail(t.state() == TransferState.REJECTED ? who + " refused to send " + name + ": " + why
                : "pulling " + name + " from " + who + " failed: " + why);
        return FAILED;
    }

    private static void awaitEnd(Transfer t, int timeout) throws CommandFailure {
        CountDownLatch over = new CountDownLatch(1);
        TransferListener l = new TransferListener() {
            @Override
            public void stateChanged(Transfer transfer, TransferState previous) {
                if (transfer.state().isTerminal()) {
                    over.countDown();
                }
            }
        };
        t.addListener(l);
        long deadline = timeout > 0 ? System.nanoTime() + Duration.ofSeconds(timeout).toNanos() : Long.MAX_VALUE;
        try {
            while (!t.state().isTerminal()) {
                if (System.nanoTime() > deadline) {
                    t.cancel();
                    throw new CommandFailure("timed out after " + timeout + " s pulling " + t.offer().name());
                }
                over.await(200, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.cancel();
            throw new CommandFailure("interrupted while pulling " + t.offer().name());
        } finally {
            t.removeListener(l);
        }
    }
}
