package org.sipdrop.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferService;
import org.sipdrop.transfer.TransferServiceListener;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

class CliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<TransportProvider> installed = new ArrayList<>();
    private boolean serviceRunning = true;

    private final Services services = new Services() {
        @Override
        public <S> Optional<S> await(Class<S> type, Duration timeout) {
            return serviceRunning && type == TransferService.class ? Optional.of(type.cast(new Transports())) : Optional.empty();
        }

        @Override
        public <S> Optional<S> await(Class<S> type, String filter, Duration timeout) {
            return Optional.empty();
        }
    };

    private int run(String... args) {
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(Cli.standard("0.1.0.test"), console, services).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEverySubcommandAndSucceeds() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("transports"), out());
        assertTrue(out().contains("version"), out());
    }

    @Test
    void noCommandShowsHelpButIsAUsageError() {
        assertEquals(2, run());
        assertTrue(out().startsWith("usage: sipdrop COMMAND"), out());
    }

    @Test
    void unknownCommandIsAOneLineUsageError() {
        assertEquals(2, run("frobnicate"));
        assertEquals("sipdrop: unknown command 'frobnicate' (try: sipdrop --help)\n", err());
    }

    @Test
    void unknownOptionIsRefusedWithTheUsageLine() {
        assertEquals(2, run("transports", "--jsn"));
        assertTrue(err().startsWith("sipdrop: unknown option --jsn\nusage: sipdrop transports [--json]"), err());
    }

    @Test
    void transportsAreListedBestRankedFirst() {
        installed.add(transport("MSRP", "msrps", "msrp"));
        installed.add(transport("HTTP", "http"));
        assertEquals(0, run("transports"));
        assertEquals("MSRP     msrp, msrps\nHTTP     http\n", out());
    }

    @Test
    void transportsAsJsonLines() {
        installed.add(transport("MQTT", "mqtt", "mqtts"));
        assertEquals(0, run("transports", "--json"));
        assertEquals("{\"transport\":\"MQTT\",\"schemes\":[\"mqtt\",\"mqtts\"]}\n", out());
    }

    @Test
    void missingServiceFailsWithAReason() {
        serviceRunning = false;
        assertEquals(1, run("transports"));
        assertTrue(err().startsWith("sipdrop: the transfer service did not start"), err());
    }

    @Test
    void helpForOneCommandShowsItsUsage() {
        assertEquals(0, run("help", "transports"));
        assertTrue(out().startsWith("usage: sipdrop transports [--json]"), out());
    }

    @Test
    void jsonStringsEscapeControlCharactersAndQuotes() {
        assertEquals("\"a\\\"b\\\\c\\n\\u0001\"", Json.string("a\"b\\c\n\u0001"));
    }

    @Test
    void optionsTakeValuesInBothFormsAndStopAtDoubleDash() throws UsageException {
        Options o = Options.parse(List.of("--to", "bob", "--via=msrp", "--json", "--", "--not-an-option"),
                Set.of("json"), Set.of("to", "via"));
        assertEquals(Optional.of("bob"), o.value("to"));
        assertEquals(Optional.of("msrp"), o.value("via"));
        assertTrue(o.flag("json"));
        assertEquals(List.of("--not-an-option"), o.positional());
    }

    private static TransportProvider transport(String name, String... schemes) {
        return new TransportProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TransportSession open(TransportRequest request) throws IOException {
                throw new IOException("not used by the CLI test");
            }

            @Override
            public Set<String> schemes() {
                return Set.of(schemes);
            }

            @Override
            public org.sipdrop.transfer.Carriage carriage(String scheme) {
                return org.sipdrop.transfer.Carriage.storage();
            }
        };
    }

    /** A TransferService holding only the transports of this test. */
    private final class Transports implements TransferService {
        @Override
        public List<TransportProvider> transports() {
            return installed;
        }

        @Override
        public Set<String> schemes() {
            return Set.of();
        }

        @Override
        public Optional<TransportProvider> transport(String scheme) {
            return Optional.empty();
        }

        @Override
        public Optional<String> chooseScheme(Collection<String> peerSchemes, List<String> preference) {
            return Optional.empty();
        }

        @Override
        public List<Transfer> transfers() {
            return List.of();
        }

        @Override
        public Optional<Transfer> transfer(String id) {
            return Optional.empty();
        }

        @Override
        public org.sipdrop.transfer.TransferControl newTransfer(String id, org.sipdrop.transfer.FileOffer offer, String peer,
                org.sipdrop.transfer.Direction direction, java.nio.file.Path file, Runnable onCancel) {
            throw new UnsupportedOperationException("the CLI test moves no bytes");
        }

        @Override
        public void track(Transfer transfer) {
        }

        @Override
        public org.sipdrop.transfer.FileOffer describe(java.nio.file.Path file, java.util.function.LongConsumer hashed) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public org.sipdrop.transfer.AcceptancePolicy acceptancePolicy(String mode, String maxSize, String ownDomain) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public void addListener(TransferServiceListener listener) {
        }

        @Override
        public void removeListener(TransferServiceListener listener) {
        }
    }
}
