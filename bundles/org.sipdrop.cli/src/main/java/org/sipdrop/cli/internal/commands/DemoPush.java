package org.sipdrop.cli.internal.commands;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.sipdrop.negotiation.SendOptions;
import org.sipdrop.transfer.Transfer;
import org.sipdrop.transfer.TransferListener;
import org.sipdrop.transfer.TransferState;

/**
 * One push of the demo (RFC 5547 §8.2.1): {@code from} offers a file to {@code to}'s
 * address-of-record through the server, {@code to}'s agent accepts it, the bytes move over MSRP,
 * and the demo checks the saved file against both the offer's hash and the original.
 */
final class DemoPush {

    /** How long one step (an answer, the bytes of a small file) may take before the demo gives up. */
    static final Duration STEP = Duration.ofSeconds(60);

    private final DemoOutput out;
    private final DemoUser from;
    private final DemoUser to;

    DemoPush(DemoOutput out, DemoUser from, DemoUser to) {
        this.out = out;
        this.from = from;
        this.to = to;
    }

    /** @return whether the file arrived, saved and verified */
    boolean run(Path file) throws IOException, InterruptedException {
        String original = sha1(file);
        Transfer sent = from.agent().send(to.aor(), List.of(file), SendOptions.defaults()).get(0);
        String name = sent.offer().name();
        out.step("offer", from.name() + " offers " + name + " to " + to.name() + " (" + sent.offer().size() + " bytes, "
                + sent.offer().mediaType() + ", sha-1 " + sent.offer().sha1Hex().orElse("?") + ")",
                fields("from", from.aor(), "to", to.aor(), "file", name, "size", sent.offer().size(),
                        "type", sent.offer().mediaType(), "sha1", sent.offer().sha1Hex().orElse(null)));
        sent.addListener(new TransferListener() {
            @Override
            public void progress(Transfer t, long bytes) {
                out.progress(t.id(), name, bytes, t.offer().size());
            }
        });
        Transfer got = to.nextIncoming(STEP);
        if (got == null) {
            return failed(name, end(sent) ? "the sender ended " + sent.state() + " " + sent.failure().map(Object::toString).orElse("")
                    : "no answer from " + to.name() + " within " + STEP.toSeconds() + " s");
        }
        out.step("accept", to.name() + " accepts " + name + " from " + from.name() + " (policy: accept all)",
                fields("by", to.aor(), "from", from.aor(), "file", name));
        if (!end(got) || !end(sent)) {
            return failed(name, "not over within " + STEP.toSeconds() + " s");
        }
        if (got.state() != TransferState.COMPLETED || sent.state() != TransferState.COMPLETED) {
            return failed(name, "sender " + state(sent) + ", receiver " + state(got));
        }
        Path saved = got.file().orElseThrow();
        String arrived = sha1(saved);
        boolean verified = arrived.equals(original) && arrived.equals(got.offer().sha1Hex().orElse(null));
        out.step("completed", name + " saved by " + to.name() + " at " + saved + ", sha-1 " + arrived
                + (verified ? " verified (matches the offer and the original)" : " DOES NOT MATCH " + original),
                fields("file", name, "from", from.aor(), "to", to.aor(), "saved", saved.toString(), "size", Files.size(saved),
                        "sha1", arrived, "verified", verified));
        return verified;
    }

    private boolean failed(String name, String why) {
        out.step("failed", name + " from " + from.name() + " to " + to.name() + ": " + why,
                fields("file", name, "from", from.aor(), "to", to.aor(), "reason", why));
        return false;
    }

    private static String state(Transfer t) {
        return t.state().name().toLowerCase(java.util.Locale.ROOT) + t.failure().map(f -> " (" + f + ")").orElse("");
    }

    /** Waits (bounded) until {@code t} is over; @return whether it is */
    private static boolean end(Transfer t) throws InterruptedException {
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
        try {
            return t.state().isTerminal() || over.await(STEP.toMillis(), TimeUnit.MILLISECONDS) || t.state().isTerminal();
        } finally {
            t.removeListener(l);
        }
    }

    /** The SHA-1 of a file, read again here: the demo checks the engine, it does not trust it. */
    static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0;) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
