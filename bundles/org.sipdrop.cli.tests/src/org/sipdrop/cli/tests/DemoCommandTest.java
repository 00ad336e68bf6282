package org.sipdrop.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;
import org.sipdrop.cli.internal.Cli;
import org.sipdrop.cli.internal.Console;
import org.sipdrop.cli.internal.Services;
import org.sipdrop.cli.internal.TrackedServices;
import org.sipdrop.server.EmbeddedServerFactory;
import org.sipdrop.sip.SipEndpointFactory;

/**
 * {@code sipdrop demo} with the real services of this OSGi runtime: the embedded server, SIP,
 * the file-transfer agents and MSRP. It needs no flags, tells each step, verifies both files
 * and leaves nothing running or on disk.
 */
class DemoCommandTest {

    private final BundleContext context = FrameworkUtil.getBundle(DemoCommandTest.class).getBundleContext();
    private final List<ServiceTracker<?, ?>> trackers = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private final Services services = new TrackedServices(context);

    @AfterEach
    void closeTrackers() {
        trackers.forEach(ServiceTracker::close);
    }

    private int demo(String... flags) {
        String[] args = new String[flags.length + 1];
        args[0] = "demo";
        System.arraycopy(flags, 0, args, 1, flags.length);
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(Cli.standard("0.1.0.test"), console, services).run(args);
    }

    private List<String> lines(String event) {
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith(event + ":")).toList();
    }

    @Test
    void demoSendsAFileBothWaysAndTellsEachStep() {
        assertEquals(0, demo(), () -> out + "\n" + err);
        assertEquals(1, lines("server").size(), out::toString);
        assertTrue(lines("server").get(0).contains("transport=tcp"), out::toString);
        assertEquals(2, lines("register").stream().filter(l -> l.contains(": 200 ")).count(), out::toString);
        List<String> offers = lines("offer");
        assertEquals(2, offers.size(), out::toString);
        assertTrue(offers.get(0).matches(".*alice offers .* to bob \\(262144 bytes, .*, sha-1 [0-9a-f]{40}\\)"), offers::toString);
        assertTrue(offers.get(1).contains("bob offers reply from bob.txt to alice"), offers::toString);
        assertEquals(2, lines("accept").size(), out::toString);
        assertTrue(lines("progress").stream().anyMatch(l -> l.contains("100%")), out::toString);
        List<String> completed = lines("completed");
        assertEquals(2, completed.size(), out::toString);
        completed.forEach(l -> assertTrue(l.contains(" verified (matches the offer and the original)"), l));
        assertTrue(completed.get(0).contains("bob-downloads"), completed::toString);
        assertTrue(completed.get(1).contains("alice-downloads"), completed::toString);
        assertEquals(List.of("result:    both files arrived verified"), lines("result"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void demoAsJsonLinesCleansUpAfterItself() throws Exception {
        int endpointsBefore = services.await(SipEndpointFactory.class, Duration.ofSeconds(15)).orElseThrow().openEndpoints().size();
        assertEquals(0, demo("--json"), () -> out + "\n" + err);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        lines.forEach(l -> assertTrue(l.startsWith("{\"event\":\"") && l.endsWith("}"), l));
        assertEquals(2, lines.stream().filter(l -> l.startsWith("{\"event\":\"completed\"") && l.contains("\"verified\":true")).count(),
                out::toString);
        assertEquals("{\"event\":\"result\",\"ok\":true}", lines.get(lines.size() - 1));
        Matcher dir = Pattern.compile("\\{\"event\":\"start\",\"dir\":\"([^\"]+)\"\\}").matcher(lines.get(0));
        assertTrue(dir.matches(), lines.get(0));
        assertFalse(Files.exists(Path.of(dir.group(1))), "the temporary folder is removed");
        assertEquals(List.of(), services.await(EmbeddedServerFactory.class, Duration.ofSeconds(15)).orElseThrow().running(),
                "the demo server is stopped");
        assertEquals(endpointsBefore, services.await(SipEndpointFactory.class, Duration.ofSeconds(15)).orElseThrow()
                .openEndpoints().size(), "the users' SIP endpoints are closed");
    }
}
