package org.sipdrop.transfer.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.Carriage;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.ExpiringSession;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportException;
import org.sipdrop.transfer.TransportException.Reason;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;

/**
 * The contract every {@link TransportProvider} owes SipDrop, as {@code final} JUnit 5 tests
 * written against the transfer API alone. A transport's test extends it and supplies the provider
 * (running: registered by DS, configured), the scheme to test, and how to stop the provider; one
 * subclass per scheme. The kit reads {@link TransportProvider#carriage(String)} and runs the
 * rendezvous that carriage implies (see {@link org.sipdrop.transfer.TransportSession}):
 * <ul>
 * <li><b>session</b> carriage: an outgoing and an incoming session, the offerer's {@code SETUP
 * ACTPASS} settled to a role when the "answer" comes, endpoints exchanged, send and receive at the
 * same time;</li>
 * <li><b>storage</b> carriage: the sender opens with {@code CLEANUP DELETE} and a
 * {@link #lifetime()}, sends to its own {@code localEndpoint()} (the URL an RFC 4483 offer
 * carries); then a receiver fetches that URL; then the sender's session closes and the URL must lead
 * nowhere ({@link Reason#NOT_FOUND} or {@link Reason#EXPIRED}).</li>
 * </ul>
 * Sender and receiver use the same provider unless {@link #receivingProvider()} says otherwise.
 * Everything is bounded ({@link #bound()}, JUnit {@link Timeout}); use loopback addresses only.
 * <pre>
 * class FileTransportContractTest extends TransportContract {
 *     protected TransportProvider provider() { return fixture.provider(); }
 *     protected String scheme() { return "file"; }
 *     protected void stopProvider() throws Exception { fixture.deleteConfiguration(); }
 *     protected void restartProvider() throws Exception { fixture.configure(); }
 * }
 * </pre>
 */
public abstract class TransportContract {

    /** The default file size: several chunks for any transport, small enough for CI (3 MiB and 17 bytes). */
    public static final long DEFAULT_SIZE = 3L * 1024 * 1024 + 17;

    /** A scheme no transport serves. */
    static final String UNSERVED_SCHEME = "x-sipdrop-kit-unserved";

    /** Where the kit writes its files; one per test. */
    @TempDir
    Path kitDir;

    private KitFile file;
    private Rendezvous rendezvous;

    /** @return the provider under test, running; the kit calls it at the start of each test */
    protected abstract TransportProvider provider() throws Exception;

    /**
     * @return the provider the receiving side uses; by default {@link #provider()} (one provider
     *         serves both users, as when two SipDrop users share a JVM)
     */
    protected TransportProvider receivingProvider() throws Exception {
        return provider();
    }

    /** @return the scheme under test: one of {@code provider().schemes()} */
    protected abstract String scheme();

    /**
     * Stops the provider the way a user or the framework would (disable the DS component, delete its
     * required configuration, stop the bundle) and returns once it is stopped. Transfers in flight
     * must then fail with a {@link TransportException}.
     */
    protected abstract void stopProvider() throws Exception;

    /** Undoes {@link #stopProvider()} so that later tests find the provider running; by default nothing. */
    protected void restartProvider() throws Exception {
        // a provider that a new provider() call brings back needs nothing here
    }

    /** @return bytes of the file the kit transfers */
    protected long fileSize() {
        return DEFAULT_SIZE;
    }

    /** @return the {@code LIFETIME} a storage sender asks for */
    protected Duration lifetime() {
        return Duration.ofHours(1);
    }

    /** @return the longest any one transport call may take before the kit calls it a hang */
    protected Duration bound() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    final void prepareKit() throws Exception {
        file = KitFile.create(kitDir, fileSize());
    }

    @AfterEach
    final void endKit() {
        if (rendezvous != null) {
            rendezvous.close();
        }
    }

    private Rendezvous rendezvous() throws Exception {
        if (rendezvous == null) {
            TransportProvider p = provider();
            assertNotNull(p, "provider() gave no provider: is it registered and configured?");
            rendezvous = new Rendezvous(p, receivingProvider(), scheme(), lifetime(), bound());
        }
        return rendezvous;
    }

    private boolean storage() throws Exception {
        return rendezvous().carriage().kind() == Carriage.Kind.STORAGE;
    }

    /**
     * Every scheme has a carriage; a session carriage's SDP proto is an RFC 4566 token, and two
     * session schemes never share one (negotiation tells them apart by it).
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public final void carriageIsDeclaredForEveryScheme() throws Exception {
        TransportProvider p = provider();
        assertNotNull(p.name(), "name()");
        assertFalse(p.name().isBlank(), "name() is shown to users");
        assertFalse(p.schemes().isEmpty(), "schemes()");
        assertTrue(p.schemes().contains(scheme()), "schemes() " + p.schemes() + " lacks the scheme under test " + scheme());
        Map<String, String> protos = new HashMap<>();
        for (String s : p.schemes()) {
            assertTrue(s.matches("[a-z][a-z0-9+.-]*"), "a scheme is a lower-case RFC 3986 scheme: '" + s + "'");
            Carriage c = p.carriage(s);
            assertNotNull(c, "carriage(\"" + s + "\") is declared");
            if (c.kind() == Carriage.Kind.SESSION) {
                String proto = c.sdpProto().orElse(null);
                assertNotNull(proto, "a session carriage has an SDP proto (" + s + ")");
                assertTrue(proto.matches("[\\x21-\\x7e]{1,64}"), "SDP proto of " + s + " is an RFC 4566 token: " + proto);
                String other = protos.put(proto.toUpperCase(Locale.ROOT), s);
                assertNull(other, s + " and " + other + " share the SDP proto " + proto);
            } else {
                assertTrue(c.sdpProto().isEmpty(), "a storage carriage has no SDP proto (" + s + ")");
            }
        }
    }

    /** A request for a scheme the provider does not serve is refused, typed, in both directions. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    public final void openingASchemeItDoesNotServeFailsUnavailable() throws Exception {
        TransportProvider p = provider();
        FileOffer offer = file.offer();
        for (Direction d : Direction.values()) {
            Throwable failure = null;
            try {
                p.open(new TransportRequest(offer, d, Rendezvous.RECEIVER, UNSERVED_SCHEME, 0)).close();
            } catch (Exception e) {
                failure = e;
            }
            assertTyped(failure, d + " open(" + UNSERVED_SCHEME + ")", Reason.UNAVAILABLE);
        }
    }

    /** The whole file arrives byte for byte; both sides' progress ends at its size. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public final void wholeFileArrivesHashIdentical() throws Exception {
        Path target = kitDir.resolve("target.bin");
        Instant before = Instant.now();
        Rendezvous.Outcome o = rendezvous().push(file, target, Rendezvous.Plan.whole());
        assertSucceeded(o);
        assertEquals(KitFile.sha256(file.path()), KitFile.sha256(target), "the received file is the sent file");
        assertEquals(file.size(), o.received.last(), "receiver's progress: " + o.received);
        assertEquals(file.size(), o.confirmed.last(), "sender's progress ends when every byte is confirmed: " + o.confirmed);
        assertTrue(scheme().equalsIgnoreCase(o.offered.uri().getScheme()),
                "the endpoint offered is of the scheme under test: " + o.offered);
        if (storage()) {
            if (o.senderSession instanceof ExpiringSession) {
                ((ExpiringSession) o.senderSession).expiry().ifPresent(expiry -> assertTrue(
                        expiry.isAfter(before) && !expiry.isAfter(Instant.now().plus(lifetime()).plusSeconds(60)),
                        "the granted expiry " + expiry + " lies within the lifetime asked (" + lifetime() + ")"));
            }
            assertTrue(o.laterFetchTried);
            assertTyped(o.laterFetchFailure, "receive() after the sender closed with CLEANUP DELETE", Reason.NOT_FOUND,
                    Reason.EXPIRED);
        }
    }

    /**
     * From an offset, only the bytes after it move, and progress counts file positions (the bytes
     * before the offset included), as RFC 5547 §8 file-range resumption needs.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public final void resumesFromAnOffset() throws Exception {
        long offset = file.size() * 2 / 5 + 1;
        Path target = kitDir.resolve("target.bin");
        file.copyPrefix(target, offset);
        Rendezvous.Outcome o = rendezvous().push(file, target, Rendezvous.Plan.whole().from(offset));
        assertSucceeded(o);
        assertEquals(KitFile.sha256(file.path()), KitFile.sha256(target), "the resumed file is the sent file");
        assertEquals(file.size() - offset, o.bytesWritten, "only the bytes after the offset reach the receiver's sink");
        if (!storage()) {
            assertEquals(file.size() - offset, o.bytesRead, "only the bytes after the offset are read from the sender's file");
        }
        assertTrue(o.received.first() >= offset, "progress tells file positions, from the offset on: " + o.received);
        assertEquals(file.size(), o.received.last(), "receiver's progress ends at the file size: " + o.received);
    }

    /**
     * Session carriage: the answer may also settle that the offerer connects ({@code ACTIVE}, RFC
     * 6135 §4.2.2); the file arrives as well. Storage carriage: nothing to settle (skipped).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public final void offererThatTheAnswerMakesActiveStillDelivers() throws Exception {
        assumeTrue(!storage(), "storage carriage negotiates no connection role");
        Path target = kitDir.resolve("target.bin");
        Rendezvous.Outcome o = rendezvous().push(file, target, Rendezvous.Plan.whole().offererConnecting());
        assertSucceeded(o);
        assertEquals(KitFile.sha256(file.path()), KitFile.sha256(target));
    }

    /**
     * Closing a session mid-transfer ends the transfer, typed and in bounded time: session carriage,
     * the sender closes and the receiver's call ends {@link Reason#CANCELLED} or {@link Reason#BROKEN};
     * storage carriage, the sender (with {@code CLEANUP KEEP}) closes during the upload, its call
     * ends so, and the URL it would have offered leads nowhere: a half-stored file is never offered.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public final void cancelMidWayEndsTheTransferTyped() throws Exception {
        Path target = kitDir.resolve("target.bin");
        Rendezvous.Outcome o = rendezvous().push(file, target, Rendezvous.Plan.whole().keeping().interruptingSender((tx, rx) -> tx.close()));
        assertInterrupted(o);
        if (storage()) {
            assertTyped(o.sendFailure, "send() whose session was closed", Reason.CANCELLED, Reason.BROKEN);
            assertTyped(rendezvous().fetch(file.offer(), o.offered), "receive() of a cancelled upload", Reason.NOT_FOUND,
                    Reason.EXPIRED);
        } else {
            assertTyped(o.receiveFailure, "receive() whose sender closed mid-way", Reason.CANCELLED, Reason.BROKEN);
            if (o.sendFailure != null) {
                assertTyped(o.sendFailure, "send() whose session was closed");
            }
        }
    }

    /**
     * Closing the receiving session mid-transfer ends its own call {@link Reason#CANCELLED} or
     * {@link Reason#BROKEN}, in bounded time; a session sender whose call fails then fails typed.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public final void receiverThatClosesMidWayEndsTheTransferTyped() throws Exception {
        Path target = kitDir.resolve("target.bin");
        Rendezvous.Outcome o = rendezvous().push(file, target, Rendezvous.Plan.whole().interruptingReceiver((tx, rx) -> rx.close()));
        assertInterrupted(o);
        assertTyped(o.receiveFailure, "receive() whose session was closed", Reason.CANCELLED, Reason.BROKEN);
        if (o.sendFailure != null) {
            assertTyped(o.sendFailure, "send() whose receiver closed mid-way");
        }
    }

    /** Stopping the provider fails the transfers in flight with a {@link TransportException}; nothing hangs. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public final void stoppedProviderFailsTransfersInFlight() throws Exception {
        Path target = kitDir.resolve("target.bin");
        boolean storage = storage();
        Rendezvous.Outcome o;
        try {
            o = rendezvous().push(file, target, Rendezvous.Plan.whole().interruptingSender((tx, rx) -> stopProvider()));
        } finally {
            restartProvider();
        }
        assertInterrupted(o);
        assertTyped(o.sendFailure, "send() while the provider stopped");
        if (!storage) {
            assertTyped(o.receiveFailure, "receive() while the provider stopped");
        }
    }

    /**
     * Bytes from an endpoint that is gone fail typed, in bounded time: session carriage, the offerer
     * closed its session before bytes moved; storage carriage, a URL whose upload never happened
     * ({@link Reason#NOT_FOUND} or {@link Reason#EXPIRED}).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    public final void aGoneEndpointFailsTheReceiverTyped() throws Exception {
        if (storage()) {
            assertTyped(rendezvous().fetchNeverStored(file.offer()), "receive() of a URL never uploaded", Reason.NOT_FOUND,
                    Reason.EXPIRED);
        } else {
            assertTyped(rendezvous().receiveFromClosedOfferer(file.offer()), "receive() from an offerer that left");
        }
    }

    private static void assertSucceeded(Rendezvous.Outcome o) {
        if (o.sendFailure != null) {
            throw new AssertionError("send() failed: " + o.sendFailure, o.sendFailure);
        }
        if (o.receiveFailure != null) {
            throw new AssertionError("receive() failed: " + o.receiveFailure, o.receiveFailure);
        }
        assertNull(o.confirmed.regression(), "sender's progress never goes back");
        assertNull(o.received.regression(), "receiver's progress never goes back");
    }

    private static void assertInterrupted(Rendezvous.Outcome o) {
        if (o.interruptionFailure != null) {
            throw new AssertionError("the kit could not interrupt the transfer: " + o.interruptionFailure, o.interruptionFailure);
        }
        assertTrue(o.interrupted, "the transfer ended before the kit could interrupt it a third of the way through");
    }

    /**
     * Fails unless {@code failure} is a {@link TransportException} with a message and, when
     * {@code allowed} are given, one of those reasons: never a bare IOException or RuntimeException.
     */
    static void assertTyped(Throwable failure, String call, Reason... allowed) {
        if (failure == null) {
            fail(call + " should have failed with a TransportException" + (allowed.length == 0 ? "" : " " + Arrays.toString(allowed)));
        }
        if (!(failure instanceof TransportException)) {
            throw new AssertionError(call + " must fail with a TransportException (a typed reason), not " + failure, failure);
        }
        Reason reason = ((TransportException) failure).reason();
        if (allowed.length > 0 && !Arrays.asList(allowed).contains(reason)) {
            throw new AssertionError(call + " failed with " + reason + ", expected one of " + Arrays.toString(allowed) + ": "
                    + failure.getMessage(), failure);
        }
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            throw new AssertionError(call + " failed (" + reason + ") without a message a user can act on", failure);
        }
    }
}
