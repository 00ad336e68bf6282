package org.sipdrop.cli.internal.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.CommandFailure;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.OptionSpec;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.session.UserSessionFactory;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.AcceptancePolicy;
import org.sipdrop.transfer.TransferService;

/**
 * {@code sipdrop demo}: everything in one process on 127.0.0.1 — the embedded server on free
 * ports (open mode), alice and bob registered at it, each with a download folder in a fresh
 * temporary directory; alice pushes a generated file to bob and bob one back (RFC 5547 push,
 * MSRP), each checked against the offer's SHA-1. Prints every step; cleans up; exit 0 only
 * when both files arrived verified.
 */
public final class DemoCommand implements Command, OptionSpec {

    private static final Duration SERVICE = Duration.ofSeconds(15);

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "start the embedded server and two users in this process, send a file both ways, show each step";
    }

    @Override
    public String usage() {
        return "[--json] [--keep]   (--keep leaves the temporary folder with the received files)";
    }

    @Override
    public Set<String> flags() {
        return Set.of("json", "keep");
    }

    @Override
    public Set<String> valued() {
        return Set.of();
    }

    @Override
    public int run(Options options, Console console, Services services) {
        DemoOutput out = new DemoOutput(console, options.flag("json"));
        Path home = null;
        boolean ok = false;
        try {
            EmbeddedServerFactory servers = service(services, EmbeddedServerFactory.class);
            UserSessionFactory sessions = service(services, UserSessionFactory.class);
            TransferService transfers = service(services, TransferService.class);
            home = Files.createTempDirectory("sipdrop-demo-");
            out.step("start", "everything runs in this process on 127.0.0.1; files under " + home,
                    DemoPush.fields("dir", home.toString()));
            ok = run(out, home, servers, sessions, transfers.acceptancePolicy("all", null));
        } catch (CommandFailure | IOException e) {
            console.fail("demo: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            console.fail("demo: interrupted");
        } finally {
            cleanUp(out, home, options.flag("keep"));
        }
        out.step("result", ok ? "both files arrived verified" : "the demo failed",
                DemoPush.fields("ok", ok));
        return ok ? OK : FAILED;
    }

    private static boolean run(DemoOutput out, Path home, EmbeddedServerFactory servers, UserSessionFactory sessions,
            AcceptancePolicy policy) throws CommandFailure, IOException, InterruptedException {
        try (EmbeddedServer server = servers.start(Map.of(EmbeddedServerFactory.BIND, "127.0.0.1",
                EmbeddedServerFactory.SIP_PORT, "0", EmbeddedServerFactory.TRANSPORTS, "udp,tcp"))) {
            out.step("server", "embedded server at " + String.join(" ", server.uris()) + (server.openMode() ? " (open mode)" : ""),
                    DemoPush.fields("uris", server.uris(), "open", server.openMode()));
            String registrar = server.uris().stream().filter(u -> u.endsWith("transport=tcp")).findFirst()
                    .orElseThrow(() -> new CommandFailure("the embedded server has no TCP transport"));
            try (DemoUser alice = user("alice", registrar, home, policy, sessions, out);
                    DemoUser bob = user("bob", registrar, home, policy, sessions, out)) {
                Path fromAlice = generated(home.resolve("alice-outbox"), "report from alice.bin", 256 * 1024);
                Path fromBob = generated(home.resolve("bob-outbox"), "reply from bob.txt", 48 * 1024);
                boolean there = new DemoPush(out, alice, bob).run(fromAlice);
                boolean back = new DemoPush(out, bob, alice).run(fromBob);
                return there && back;
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("cannot start the embedded server: " + e.getMessage());
        }
    }

    private static DemoUser user(String name, String registrar, Path home, AcceptancePolicy policy,
            UserSessionFactory sessions, DemoOutput out) throws CommandFailure {
        Path folder = home.resolve(name + "-downloads");
        return DemoUser.register(name, registrar, folder, policy, sessions, (SipResponse r) -> out.step("register",
                name + " registers sip:" + name + "@127.0.0.1 at " + registrar + ": " + r.status() + " " + r.reason()
                        + "; downloads into " + folder,
                DemoPush.fields("user", "sip:" + name + "@127.0.0.1", "registrar", registrar, "status", r.status(),
                        "reason", r.reason(), "folder", folder.toString())));
    }

    /** A file to send: random bytes, or readable lines for a .txt. */
    private static Path generated(Path dir, String name, int size) throws IOException {
        Files.createDirectories(dir);
        byte[] bytes = new byte[size];
        if (name.endsWith(".txt")) {
            byte[] line = "SipDrop demo: this file went over SIP and MSRP, RFC 5547.\n".getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < size; i++) {
                bytes[i] = line[i % line.length];
            }
        } else {
            new SecureRandom().nextBytes(bytes);
        }
        return Files.write(dir.resolve(name), bytes);
    }

    private static <S> S service(Services services, Class<S> type) throws CommandFailure {
        Optional<S> s = services.await(type, SERVICE);
        return s.orElseThrow(() -> new CommandFailure("the " + type.getSimpleName() + " service did not start"));
    }

    private static void cleanUp(DemoOutput out, Path home, boolean keep) {
        if (home == null) {
            return;
        }
        if (keep) {
            out.step("cleanup", "users and server stopped; kept " + home, DemoPush.fields("dir", home.toString(), "removed", false));
            return;
        }
        try (Stream<Path> all = Files.walk(home)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // reported below: the folder is still there
        }
        boolean removed = !Files.exists(home);
        out.step("cleanup", "users and server stopped; " + (removed ? "removed " : "could not remove ") + home,
                DemoPush.fields("dir", home.toString(), "removed", removed));
    }
}
