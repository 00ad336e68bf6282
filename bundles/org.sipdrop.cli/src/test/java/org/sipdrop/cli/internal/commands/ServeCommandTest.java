package org.sipdrop.cli.internal.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.sipdrop.cli.internal.Cli;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.server.EmbeddedServer;
import org.sipdrop.server.EmbeddedServerFactory;

/** {@code sipdrop serve} against a stand-in server factory: the ready line, exit codes, settings passed on. */
class ServeCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<Map<String, String>> started = new ArrayList<>();
    private final List<FakeServer> servers = new ArrayList<>();
    private IOException failure;
    private List<String> storageUris = List.of();

    private final class FakeServer implements EmbeddedServer {
        final boolean open;
        boolean running = true;

        FakeServer(boolean open) {
            this.open = open;
        }

        @Override
        public List<String> uris() {
            return List.of("sip:127.0.0.1:5060;transport=udp", "sip:127.0.0.1:5060;transport=tcp");
        }

        @Override
        public boolean openMode() {
            return open;
        }

        @Override
        public String realm() {
            return "sipdrop";
        }

        @Override
        public String listUri() {
            return "sip:list@127.0.0.1:5060";
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }

        @Override
        public List<String> storageUris() {
            return storageUris;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public void close() {
            running = false;
        }
    }

    private final EmbeddedServerFactory factory = new EmbeddedServerFactory() {
        @Override
        public EmbeddedServer start(Map<String, String> settings) throws IOException {
            if (failure != null) {
                throw failure;
            }
            if (settings.containsKey("transports") && !settings.get("transports").matches("[a-z,]+")) {
                throw new IllegalArgumentException("Setting 'transports' accepts udp, tcp, tls");
            }
            started.add(settings);
            FakeServer s = new FakeServer(!settings.containsKey("users"));
            servers.add(s);
            return s;
        }

        @Override
        public List<EmbeddedServer> running() {
            return List.copyOf(servers);
        }
    };

    private int run(String... args) {
        Services services = new Services() {
            @Override
            public <S> Optional<S> await(Class<S> type, Duration timeout) {
                return type == EmbeddedServerFactory.class ? Optional.of(type.cast(factory)) : Optional.empty();
            }

            @Override
            public <S> Optional<S> await(Class<S> type, String filter, Duration timeout) {
                return Optional.empty();
            }
        };
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        ServeCommand stopsAtOnce = new ServeCommand(() -> () -> { });
        return new Cli(List.of(stopsAtOnce), console, services).run(args);
    }

    @Test
    void printsOneReadyLineWithItsUrisThenStopsCleanly() {
        assertEquals(0, run("serve", "--sip-port", "5060", "--open"));
        assertEquals("sipdrop: serving sip:127.0.0.1:5060;transport=udp sip:127.0.0.1:5060;transport=tcp (open mode)\n",
                out.toString(StandardCharsets.UTF_8));
        assertEquals(Map.of("sip.port", "5060", "open", "true", "http.port", "5080"), started.get(0));
        assertFalse(servers.get(0).isRunning(), "the server is closed when the command ends");
    }

    @Test
    void flagsBecomeServerSettings() {
        assertEquals(0, run("serve", "--bind", "127.0.0.1", "--transport", "udp,tls", "--users", "u.txt", "--realm", "r", "--keystore",
                "k.p12", "--keystore-password", "pw", "--list-user", "team", "--json"));
        assertEquals(Map.of("bind", "127.0.0.1", "transports", "udp,tls", "users", "u.txt", "realm", "r", "tls.keystore", "k.p12",
                "tls.password", "pw", "list.user", "team", "http.port", "5080"), started.get(0));
        String line = out.toString(StandardCharsets.UTF_8);
        assertTrue(line.startsWith("{\"event\":\"serving\",\"uris\":[\"sip:127.0.0.1:5060;transport=udp\""), line);
        assertTrue(line.contains("\"mode\":\"digest\""), line);
    }

    @Test
    void storageFlagsBecomeStorageSettingsAndItsUrlsArePrinted() {
        storageUris = List.of("http://127.0.0.1:8080/storage/", "https://127.0.0.1:8443/storage/");
        assertEquals(0, run("serve", "--open", "--http-port", "0", "--https-port", "8443", "--storage-dir", "/srv/drop", "--storage-quota",
                "2G", "--storage-max-expiry", "3600"));
        assertEquals(Map.of("open", "true", "http.port", "0", "https.port", "8443", "storage.dir", "/srv/drop", "storage.quota", "2G",
                "storage.max.expiry", "3600"), started.get(0));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(
                "sipdrop: storage http://127.0.0.1:8080/storage/ https://127.0.0.1:8443/storage/ (PUT with no credentials, open mode)\n"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void storageUrlsAreInTheJsonLine() {
        storageUris = List.of("http://127.0.0.1:5080/storage/");
        assertEquals(0, run("serve", "--json"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"storage\":[\"http://127.0.0.1:5080/storage/\"]"),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noStorageTurnsItOffAndConflictsWithStorageFlags() {
        assertEquals(0, run("serve", "--no-storage"));
        assertEquals(Map.of(), started.get(0));
        assertEquals(2, run("serve", "--no-storage", "--http-port", "8080"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--no-storage"), err.toString(StandardCharsets.UTF_8));
        assertEquals(1, started.size());
    }

    @Test
    void badFlagIsAUsageError() {
        assertEquals(2, run("serve", "--sip-port"));
        assertEquals(2, run("serve", "--frobnicate"));
        assertEquals(2, run("serve", "--users", "u.txt", "--open"));
        assertEquals(2, run("serve", "--transport", "Carrier Pigeon"));
        assertTrue(started.isEmpty());
    }

    @Test
    void portInUseIsExitOneWithAOneLineReason() {
        failure = new IOException("Cannot listen on 127.0.0.1 [UDP] port 5060:\n the address or port is in use");
        assertEquals(1, run("serve"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals("sipdrop: Cannot listen on 127.0.0.1 [UDP] port 5060: the address or port is in use\n", e);
    }
}
