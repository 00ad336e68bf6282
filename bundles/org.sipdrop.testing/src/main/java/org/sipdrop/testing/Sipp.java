package org.sipdrop.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * sipp 3.6 runs, always on 127.0.0.1 and always bounded ({@code -m} calls, {@code -timeout}
 * with {@code -timeout_error}). Scenarios live in {@code releng/peers/sipp} ({@link #scenario}).
 * <pre>
 * SippResult r = Sipp.run(Sipp.scenario("uac-message.xml"), "127.0.0.1:" + kamailio.sipPort(), 10, Duration.ofSeconds(10));
 * try (SippProcess uas = Sipp.uas(Sipp.scenario("uas-message.xml")).count(10).start()) { ... uas.await(...) }
 * </pre>
 * Each run gets its own directory with {@code stats.csv}, {@code errors.log},
 * {@code screen.log} and {@code sipp.out}. sipp binds its media ports ({@code -mp}) and a
 * control port ({@code -cp}, on every interface: sipp 3.6 cannot be told otherwise); both are
 * picked free here so that runs do not collide. sipp in Debian has no TLS.
 */
public final class Sipp {

    /** sipp transports: one socket for all calls. */
    public enum Transport {
        UDP("u1"), TCP("t1");

        final String mode;

        Transport(String mode) {
            this.mode = mode;
        }
    }

    private Sipp() {
    }

    /** A scenario of releng/peers/sipp, e.g. {@code uac-message.xml}. */
    public static Path scenario(String name) {
        Path path = Repository.peers().resolve("sipp").resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new PeerException("no sipp scenario " + path);
        }
        return path;
    }

    /**
     * Runs a UAC scenario against {@code target} ("127.0.0.1:PORT") for {@code count} calls, at
     * most {@code timeout}; the request URI's user ({@code -s}) is "service".
     */
    public static SippResult run(Path scenario, String target, int count, Duration timeout) {
        int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
        return uac(scenario, port).count(count).timeout(timeout).run();
    }

    /** A UAC run of {@code scenario} against 127.0.0.1:targetPort. */
    public static Builder uac(Path scenario, int targetPort) {
        return new Builder(scenario, targetPort);
    }

    /** A UAS run of {@code scenario}, listening on a free port (or {@link Builder#localPort}). */
    public static Builder uas(Path scenario) {
        return new Builder(scenario, 0);
    }

    /** Options of one sipp run. */
    public static final class Builder {

        private final Path scenario;
        private final int targetPort;
        private final Map<String, String> keys = new LinkedHashMap<>();
        private String service;
        private int count = 1;
        private int rate;
        private int limit;
        private int localPort;
        private Transport transport = Transport.UDP;
        private Duration timeout = Duration.ofSeconds(10);
        private Path runDir;
        private String user;
        private String password;

        private Builder(Path scenario, int targetPort) {
            this.scenario = Objects.requireNonNull(scenario, "scenario");
            if (!Files.isRegularFile(scenario)) {
                throw new PeerException("no sipp scenario " + scenario);
            }
            this.targetPort = targetPort;
        }

        /** The request URI's user ({@code -s}); sipp's default is "service". */
        public Builder service(String service) {
            this.service = service;
            return this;
        }

        /** A scenario keyword {@code [name]} ({@code -key name value}). */
        public Builder key(String name, String value) {
            keys.put(name, value);
            return this;
        }

        /** Calls to make (UAC) or to answer (UAS) before sipp ends ({@code -m}), 1 by default. */
        public Builder count(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1");
            }
            this.count = count;
            return this;
        }

        /** New calls per second ({@code -r}); sipp's default is 10. */
        public Builder rate(int callsPerSecond) {
            this.rate = callsPerSecond;
            return this;
        }

        /** At most this many calls at a time ({@code -l}). */
        public Builder limit(int calls) {
            this.limit = calls;
            return this;
        }

        /** sipp's own SIP port ({@code -p}); free by default. */
        public Builder localPort(int port) {
            this.localPort = port;
            return this;
        }

        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport);
            return this;
        }

        /** sipp's global timeout ({@code -timeout}, a failure when reached); 10 s by default. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Credentials for digest challenges ({@code -au}, {@code -ap}; the scenario's [authentication]). */
        public Builder credentials(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** Where sipp's files go; a new temporary directory by default. */
        public Builder runDir(Path dir) {
            this.runDir = dir;
            return this;
        }

        /** Runs in the foreground until sipp ends (at most its timeout plus 10 s). */
        public SippResult run() {
            try (SippProcess process = start()) {
                return process.await(timeout.plusSeconds(10));
            }
        }

        /**
         * Starts sipp in the background and, for a UAS, waits (at most 5 s) until its port is
         * bound; {@link SippProcess#await} for its result.
         */
        public SippProcess start() {
            Path sipp = Binaries.require("sipp", "sip-tester");
            int port = localPort != 0 ? localPort : FreePorts.tcpAndUdp();
            Path dir = directory(port);
            List<String> command = new ArrayList<>(List.of(sipp.toString()));
            if (targetPort != 0) {
                command.add("127.0.0.1:" + targetPort);
            }
            command.addAll(List.of("-sf", scenario.toAbsolutePath().toString(), "-i", "127.0.0.1",
                    "-p", String.valueOf(port), "-t", transport.mode,
                    "-mp", String.valueOf(FreePorts.consecutive(4)), "-cp", String.valueOf(FreePorts.udp()),
                    "-m", String.valueOf(count), "-nostdin",
                    "-timeout", timeout.toMillis() + "ms", "-timeout_error",
                    // no BYE to abort a call that is not an INVITE dialog (MESSAGE, REGISTER)
                    "-default_behaviors", "all,-bye",
                    "-trace_stat", "-stf", "stats.csv", "-fd", "1",
                    "-trace_err", "-error_file", "errors.log",
                    "-trace_screen", "-screen_file", "screen.log"));
            if (service != null) {
                command.addAll(List.of("-s", service));
            }
            if (rate > 0) {
                command.addAll(List.of("-r", String.valueOf(rate), "-rp", "1000"));
            }
            if (limit > 0) {
                command.addAll(List.of("-l", String.valueOf(limit)));
            }
            if (user != null) {
                command.addAll(List.of("-au", user, "-ap", password));
            }
            keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
            SippProcess process = SippProcess.start(command, dir, port);
            return targetPort == 0 ? process.awaitBound(Duration.ofSeconds(5)) : process;
        }

        private Path directory(int port) {
            try {
                if (runDir == null) {
                    return Files.createTempDirectory("sipp-");
                }
                String name = scenario.getFileName().toString().replaceFirst("\\.xml$", "");
                return Files.createDirectories(runDir.resolve("sipp-" + name + "-" + port + "-" + System.nanoTime()));
            } catch (IOException e) {
                throw new PeerException("cannot create a directory for sipp: " + e.getMessage(), e);
            }
        }
    }
}
