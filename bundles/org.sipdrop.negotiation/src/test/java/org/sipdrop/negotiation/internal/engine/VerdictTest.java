package org.sipdrop.negotiation.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongConsumer;

import org.junit.jupiter.api.Test;
import org.sipdrop.negotiation.AgentSettings;
import org.sipdrop.sip.Call;
import org.sipdrop.sip.SipBody;
import org.sipdrop.sip.SipReason;
import org.sipdrop.sip.SipResponse;
import org.sipdrop.transfer.Decision;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransferFailure;
import org.sipdrop.transfer.TransferState;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportEndpoint;
import org.sipdrop.transfer.TransportSession;

/** How a sender reads the receiver's verdict from the Reason of its BYE (RFC 3326). */
class VerdictTest {

    @Test
    void aSuccessCauseVerifiesTheFile() {
        assertNull(Verdict.failureFor(Optional.of(SipReason.of(200, "Verified and saved")), "A1", "bob"));
    }

    @Test
    void aFailureCauseFailsTheFileWithTheReceiversCauseAndText() {
        TransferFailure f = Verdict.failureFor(Optional.of(SipReason.of(400, "a.bin: hash mismatch")), "A1", "bob");
        assertEquals(new TransferFailure(400, "a.bin: hash mismatch"), f);
    }

    @Test
    void aFailureNamingOtherFilesOfTheSessionLeavesThisOneVerified() {
        SipReason r = SipReason.of(400, "b.bin: hash mismatch").with(Verdict.IDS, "B2.C3");
        assertNull(Verdict.failureFor(Optional.of(r), "A1", "bob"));
        assertEquals(400, Verdict.failureFor(Optional.of(r), "C3", "bob").status());
    }

    @Test
    void theSenderNeverLearnsWhereTheReceiverKeepsItsFiles(@org.junit.jupiter.api.io.TempDir Path folder) {
        String mismatch = "hash mismatch: expected aa, got bb (SHA-1 of 'x'; the part file " + folder.resolve("x.part") + " is kept)";
        assertEquals("hash mismatch: expected aa, got bb", Verdict.publicText(mismatch, folder));
        assertEquals("cannot move …/x.part", Verdict.publicText("cannot move " + folder.resolve("x.part"), folder));
    }

    @Test
    void aByeWithoutReasonIsNoVerdict() {
        TransferFailure f = Verdict.failureFor(Optional.empty(), "A1", "bob");
        assertEquals(0, f.status());
        assertTrue(f.reason().startsWith("no verdict from bob"), f.reason());
    }

    @Test
    void aSenderWithoutVerdictFailsAfterTheBoundedWaitAndHangsUp() throws Exception {
        FakeCall call = new FakeCall();
        org.sipdrop.transfer.TransferControl t = await(call, Duration.ofMillis(200));
        assertEquals(TransferState.FAILED, waitForEnd(t));
        assertTrue(t.failure().orElseThrow().reason().startsWith("no verdict from bob within 200 ms"), t.failure()::toString);
        assertTrue(call.hungUp, "the sender ends the session itself");
    }

    @Test
    void aPositiveVerdictCompletesTheSender() throws Exception {
        FakeCall call = new FakeCall();
        org.sipdrop.transfer.TransferControl t = await(call, Duration.ofSeconds(30));
        call.peerReason = SipReason.of(200, "Verified and saved");
        call.ended.complete(null);
        assertEquals(TransferState.COMPLETED, waitForEnd(t));
    }

    @Test
    void aNegativeVerdictFailsTheSenderWithTheReceiversReason() throws Exception {
        FakeCall call = new FakeCall();
        org.sipdrop.transfer.TransferControl t = await(call, Duration.ofSeconds(30));
        call.peerReason = SipReason.of(500, "f.bin: disk full");
        call.ended.complete(null);
        assertEquals(TransferState.FAILED, waitForEnd(t));
        assertEquals(new TransferFailure(500, "f.bin: disk full"), t.failure().orElseThrow());
    }

    /**
     * An offer without a hash (RFC 5547 §6: optional) leaves nothing to check the bytes against:
     * over MSRP without TLS they may even come from a third party that learnt the session's URIs
     * (RFC 4975 §14.2), so the receiver does not call them verified.
     */
    @Test
    void aFileOfferedWithoutAHashIsSavedButNotCalledVerified(@org.junit.jupiter.api.io.TempDir Path folder) {
        SipReason r = received(FileOffer.builder("f.bin", 0).build(), folder);
        assertEquals(200, r.cause());
        assertEquals("Saved, not verified: no hash in the offer", r.text());
        assertEquals("Verified and saved", received(FileOffer.builder("f.bin", 0).sha1(new byte[20]).build(), folder).text());
    }

    /** @return the receiver's verdict on {@code offer} once its (empty) bytes arrived and were saved */
    private static SipReason received(FileOffer offer, Path folder) {
        org.sipdrop.transfer.TransferControl t = new TestTransfer("A1", offer, "alice", Direction.INCOMING, null, () -> { });
        t.moveTo(TransferState.ACCEPTED);
        IncomingStream s = new IncomingStream(t, new SavedPartial(folder), new IdleSession(),
                List.of("msrp://127.0.0.1:2855/s;tcp"));
        s.receive();
        return Verdict.of(List.of(s), folder);
    }

    /** A part file that is always complete: the store's own checks are tested with the store. */
    private static final class SavedPartial implements org.sipdrop.transfer.ReceivedFileStore.Partial {
        private final Path folder;

        SavedPartial(Path folder) {
            this.folder = folder;
        }

        @Override
        public long offset() {
            return 0;
        }

        @Override
        public Path partFile() {
            return folder.resolve("f.bin.part");
        }

        @Override
        public Path complete() {
            return folder.resolve("f.bin");
        }

        @Override
        public int write(java.nio.ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @org.junit.jupiter.api.AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A sender's transfer whose bytes are all sent, now waiting for the verdict on {@code call}. */
    private org.sipdrop.transfer.TransferControl await(Call call, Duration timeout) {
        AgentSettings settings = AgentSettings.of(Path.of("unused"), (from, offer) -> Decision.accept()).verdictTimeout(timeout);
        AgentContext ctx = new AgentContext(null, null, null, settings, executor, new SecureRandom(), x -> { });
        FileOffer offer = FileOffer.builder("f.bin", 10).build();
        org.sipdrop.transfer.TransferControl t = new TestTransfer("A1", offer, "bob", Direction.OUTGOING, null, () -> { });
        t.moveTo(TransferState.ACCEPTED);
        t.moveTo(TransferState.TRANSFERRING);
        OutgoingStream s = new OutgoingStream(ctx, t, Path.of("f.bin"),
                new TransportRequest(offer, Direction.OUTGOING, "bob", "msrp", 0), new IdleSession());
        Verdict.await(ctx, call, List.of(s), "bob");
        return t;
    }

    private static TransferState waitForEnd(org.sipdrop.transfer.TransferControl t) throws InterruptedException {
        for (int i = 0; i < 500 && !t.state().isTerminal(); i++) {
            Thread.sleep(10);
        }
        return t.state();
    }

    /** A transport session with nothing to do: the bytes were sent already. */
    private static final class IdleSession implements TransportSession {
        @Override
        public TransportEndpoint localEndpoint() {
            return TransportEndpoint.of(URI.create("msrp://127.0.0.1:2855/s;tcp"));
        }

        @Override
        public void send(TransportEndpoint remote, ReadableByteChannel source, LongConsumer progress) {
        }

        @Override
        public void receive(TransportEndpoint remote, WritableByteChannel sink, LongConsumer progress) {
        }

        @Override
        public void close() {
        }
    }
}
