package org.sipdrop.cli.internal.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.sipdrop.cli.internal.ClientOptions;
import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Json;
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
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferState;

/**
 * {@code sipdrop share}: registers and serves the files of one folder (its regular files, not
 * its sub-folders, never through a link) to users who pull them (RFC 5547 §8.2.2 recvonly
 * offers, answered sendonly with the file's own selector and SHA-1). Lists what it shares,
 * then reports each file served and whether the puller verified it. Pushes are declined. Ends
 * after {@code --count} files served or {@code --timeout} seconds.
 */
public final class ShareCommand implements Command, OptionSpec, ConfiguresTransports {


    @Override
    public String name() {
        return "share";
    }

    @Override
    public String summary() {
        return "serve the files of a folder to users who pull them (sipdrop pull --from YOU --name FILE)";
    }

    @Override
    public String usage() {
        return "--dir DIR [--count N] [--timeout SECONDS] " + ClientOptions.USAGE + " [--SCHEME-SETTING VALUE…] (each transport's settings: sipdrop transports)";
    }

    @Override
    public Set<String> flags() {
        return ClientOptions.flags(Set.of());
    }

    @Override
    public Set<String> valued() {
        return ClientOptions.valued(Set.of("dir", "count", "timeout"));
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        ClientOptions client = ClientOptions.from(options, "share");
        Path dir = Path.of(options.value("dir").orElseThrow(() -> new UsageException("--dir DIR is required: the folder to share")));
        int count = ReceiveCommand.positive(options, "count");
        int timeout = ReceiveCommand.positive(options, "timeout");
        if (!options.positional().isEmpty()) {
            throw new UsageException("share takes no arguments besides its options");
        }
        List<GivenSettings> given = EmbeddedDefaults.forAny(TransportFlags.installed(services), options);
        try (Applied applied = Applier.applyAll(given, services)) {
            List<Path> files = filesIn(dir);
            TransferService transfers = CliSession.transfers(services);
            AgentSettings settings = CliSession.declining(transfers).sharing(files); // shares; declines pushes
            try (UserSession session = CliSession.open(client, services, settings)) {
                FileTransferAgent agent = session.agent();
                CliSession.showAvailable(session, "sharing " + files.size() + " files", console);
                list(files, client, console);
                if (!client.json()) {
                    console.err().println("sharing " + files.size() + " files from " + dir.toAbsolutePath() + " as "
                            + client.account().aor() + "; waiting for pulls" + (count > 0 ? " (" + count + ")" : "")
                            + (timeout > 0 ? " up to " + timeout + " s" : ", Ctrl-C to stop"));
                    console.err().flush();
                }
                return serve(agent, count, timeout, client.json(), console);
            }
        } catch (CommandFailure e) {
            console.fail(e.getMessage());
            return e.exitCode();
        }
    }

    /** @return the regular files directly in {@code dir} (links and sub-folders left out), absolute */
    static List<Path> filesIn(Path dir) throws CommandFailure {
        if (!Files.isDirectory(dir)) {
            throw new CommandFailure("cannot share " + dir + ": it is not a folder");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.isReadable(f))
                    .map(f -> f.toAbsolutePath().normalize()).sorted().toList();
            if (files.isEmpty()) {
                throw new CommandFailure("the folder " + dir + " holds no readable files to share");
            }
            return files;
        } catch (IOException e) {
            throw new CommandFailure("cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** Announces the shared files: name and size per line (or a JSON line each). */
    private static void list(List<Path> files, ClientOptions client, Console console) throws CommandFailure {
        for (Path f : files) {
            long size;
            try {
                size = Files.size(f);
            } catch (IOException e) {
                throw new CommandFailure("cannot read " + f + ": " + e.getMessage());
            }
            if (client.json()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("event", "shared");
                m.put("file", String.valueOf(f.getFileName()));
                m.put("size", size);
                console.out().println(Json.object(m));
            } else {
                console.out().println("shared " + f.getFileName() + " (" + size + " bytes)");
            }
        }
        console.out().flush();
    }

    private static int serve(FileTransferAgent agent, int count, int timeout, boolean json, Console console)
            throws CommandFailure {
        TransferOutput out = new TransferOutput(console, json);
        return EndedTransfers.watch(agent, Direction.OUTGOING, count, timeout, "served", t -> {
            out.state(t);
            String who = Recipients.address(t.peer());
            if (t.state() == TransferState.COMPLETED) {
                if (!json) {
                    console.out().println("served " + t.offer().name() + " to " + who + " (verified by " + who + ")");
                    console.out().flush();
                }
                return true;
            }
            console.fail("serving " + t.offer().name() + " to " + who + " failed: "
                    + t.failure().map(Object::toString).orElse(t.state().toString()));
            return false;
        });
    }
}
