package org.sipdrop.cli.internal.commands;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.sipdrop.cli.internal.Command;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Json;
import org.sipdrop.cli.internal.OptionSpec;
import org.sipdrop.cli.internal.Options;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.UsageException;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/**
 * {@code sipdrop serve}: runs the embedded SIP server and, beside it, the HTTP(S) storage for
 * content indirection in the foreground, prints one line when it is ready (and one with the
 * storage's base URLs), and stops cleanly on SIGTERM or SIGINT (exit 0). Bad options: exit 2; a
 * port in use or an unreadable file: exit 1 with a one-line reason.
 */
public final class ServeCommand implements Command, OptionSpec {

    /**
     * The storage's HTTP port unless {@code --http-port} says otherwise: fixed, as SIP's 5060 is,
     * so that clients on the same machine find {@code http://127.0.0.1:5080/storage/} without
     * being told.
     */
    public static final int DEFAULT_HTTP_PORT = org.sipdrop.cli.internal.EmbeddedDefaults.EMBEDDED_STORAGE_PORT;

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final java.util.List<String> STORAGE_OPTIONS = java.util.List.of("http-port", "https-port", "storage-dir", "storage-quota",
            "storage-max-expiry");

    private final Supplier<Termination> termination;

    public ServeCommand() {
        this(Termination::signals);
    }

    /** @param termination what the command waits for before stopping (tests stop at once) */
    public ServeCommand(Supplier<Termination> termination) {
        this.termination = termination;
    }

    @Override
    public String name() {
        return "serve";
    }

    @Override
    public String summary() {
        return "run the embedded SIP server (registrar, proxy, presence, URI lists) and HTTP storage until stopped";
    }

    @Override
    public String usage() {
        return "[--bind ADDR] [--sip-port N] [--transport udp,tcp,tls] [--users FILE | --open] [--realm R]"
                + " [--keystore FILE [--keystore-password P]] [--list-user NAME] [--http-port N (default " + DEFAULT_HTTP_PORT + ", 0: any)]"
                + " [--https-port N] [--storage-dir DIR] [--storage-quota BYTES] [--storage-max-expiry SECONDS] [--no-storage] [--json]";
    }

    @Override
    public Set<String> flags() {
        return Set.of("open", "json", "no-storage");
    }

    @Override
    public Set<String> valued() {
        return Set.of("bind", "sip-port", "transport", "users", "realm", "keystore", "keystore-password", "list-user", "http-port", "https-port",
                "storage-dir", "storage-quota", "storage-max-expiry");
    }

    @Override
    public int run(Options options, Console console, Services services) throws UsageException {
        if (!options.positional().isEmpty()) {
            throw new UsageException("serve takes no arguments, got '" + options.positional().get(0) + "'");
        }
        if (options.flag("open") && options.value("users").isPresent()) {
            throw new UsageException("give --users FILE or --open, not both");
        }
        if (options.flag("no-storage")) {
            for (String o : STORAGE_OPTIONS) {
                if (options.value(o).isPresent()) {
                    throw new UsageException("--no-storage turns the storage off; --" + o + " configures it: give one or the other");
                }
            }
        }
        Map<String, String> settings = settings(options);
        Optional<EmbeddedServerFactory> factory = services.await(EmbeddedServerFactory.class, WAIT);
        if (factory.isEmpty()) {
            console.fail("the embedded server service did not start within " + WAIT.toSeconds() + " s");
            return FAILED;
        }
        Termination stop = termination.get();
        EmbeddedServer server;
        try {
            server = factory.get().start(settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            console.fail(oneLine(e.getMessage()));
            return FAILED;
        }
        try {
            server.warnings().forEach(w -> console.err().println("sipdrop: warning: " + w));
            String mode = server.openMode() ? "open mode" : "realm " + server.realm();
            if (options.flag("json")) {
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("event", "serving");
                line.put("uris", server.uris());
                line.put("mode", server.openMode() ? "open" : "digest");
                line.put("realm", server.realm());
                line.put("list", server.listUri());
                line.put("storage", server.storageUris());
                console.out().println(Json.object(line));
            } else {
                console.out().println("sipdrop: serving " + String.join(" ", server.uris()) + " (" + mode + ")");
                if (!server.storageUris().isEmpty()) {
                    console.out().println("sipdrop: storage " + String.join(" ", server.storageUris()) + " (PUT with "
                            + (server.openMode() ? "no credentials, open mode" : "the users' credentials") + ")");
                }
            }
            console.out().flush();
            stop.await();
            return OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OK;
        } finally {
            server.close();
        }
    }

    private static Map<String, String> settings(Options o) {
        Map<String, String> s = new LinkedHashMap<>();
        o.value("bind").ifPresent(v -> s.put(EmbeddedServerFactory.BIND, v));
        o.value("sip-port").ifPresent(v -> s.put(EmbeddedServerFactory.SIP_PORT, v));
        o.value("transport").ifPresent(v -> s.put(EmbeddedServerFactory.TRANSPORTS, v));
        o.value("users").ifPresent(v -> s.put(EmbeddedServerFactory.USERS, v));
        if (o.flag("open")) {
            s.put(EmbeddedServerFactory.OPEN, "true");
        }
        o.value("realm").ifPresent(v -> s.put(EmbeddedServerFactory.REALM, v));
        o.value("keystore").ifPresent(v -> s.put(EmbeddedServerFactory.TLS_KEYSTORE, v));
        o.value("keystore-password").ifPresent(v -> s.put(EmbeddedServerFactory.TLS_PASSWORD, v));
        o.value("list-user").ifPresent(v -> s.put(EmbeddedServerFactory.LIST_USER, v));
        if (!o.flag("no-storage")) {
            s.put(EmbeddedServerFactory.HTTP_PORT, o.value("http-port").orElse(Integer.toString(DEFAULT_HTTP_PORT)));
            o.value("https-port").ifPresent(v -> s.put(EmbeddedServerFactory.HTTPS_PORT, v));
            o.value("storage-dir").ifPresent(v -> s.put(EmbeddedServerFactory.STORAGE_DIR, v));
            o.value("storage-quota").ifPresent(v -> s.put(EmbeddedServerFactory.STORAGE_QUOTA, v));
            o.value("storage-max-expiry").ifPresent(v -> s.put(EmbeddedServerFactory.STORAGE_MAX_EXPIRY, v));
        }
        return s;
    }

    private static String oneLine(String message) {
        return message == null ? "the server could not start" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
