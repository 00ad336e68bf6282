package org.sipdrop.transport.msrp.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.Direction;
import org.sipdrop.transfer.FileOffer;
import org.sipdrop.transfer.TransportProvider;
import org.sipdrop.transfer.TransportRequest;
import org.sipdrop.transfer.TransportSession;

/**
 * The behaviour every {@link TransportProvider} owes the transfer service, written against the
 * transfer API only (no transport classes), with {@code final} tests: a subclass per provider
 * supplies the provider, the scheme and how to stop it. It lives in the MSRP fragment until a
 * second provider needs it; then it moves unchanged to a shared test-support bundle that exports
 * this package (fragments cannot share classes).
 */
public abstract class AbstractTransportContractTest {

    /** Bytes of the test file: several chunks for any transport, small for CI. */
    protected static final int SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    protected Path dir;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private Path source;

    /** @return the provider under test, registered and active */
    protected abstract TransportProvider provider() throws Exception;

    /** @return the scheme to open sessions for */
    protected abstract String scheme();

    /** @return request parameters for the side with {@code direction}, e.g. connection roles */
    protected abstract Map<String, String> parameters(Direction direction);

    /** Stops the provider the way a user would (bundle stop, component disabled); waits until gone. */
    protected abstract void stopProvider() throws Exception;

    @BeforeEach
    final void createSource() throws IOException {
        source = dir.resolve("source.bin");
        byte[] block = new byte[64 * 1024];
        Random r = new Random(42);
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int done = 0; done < SIZE; done += block.length) {
                r.nextBytes(block);
                ch.write(ByteBuffer.wrap(block, 0, Math.min(block.length, SIZE - done)));
            }
        }
    }

    @AfterEach
    final void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    public final void pushedFileArrivesHashIdentical() throws Exception {
        Path target = dir.resolve("target.bin");
        AtomicLong confirmed = new AtomicLong();
        AtomicLong received = new AtomicLong();
        transfer(0, target, confirmed, received, null);
        assertEquals(sha256(source), sha256(target));
        assertEquals(SIZE, confirmed.get(), "the sender learns that every byte arrived");
        assertEquals(SIZE, received.get());
    }

    @Test
    public final void resumesFromAnOffset() throws Exception {
        long offset = SIZE / 3;
        Path target = dir.resolve("target.bin");
        try (FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(target,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(0, offset, out); // what arrived before the interruption
        }
        AtomicLong received = new AtomicLong();
        transfer(offset, target, new AtomicLong(), received, null);
        assertEquals(sha256(source), sha256(target));
        assertEquals(SIZE, received.get(), "progress counts the bytes that arrived earlier");
    }

    @Test
    public final void cancelMidWayLeavesTheReceiverWithAClearFailure() throws Exception {
        TransportSession[] sender = new TransportSession[1];
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transfer(0, dir.resolve("target.bin"), new AtomicLong(), new AtomicLong(), () -> sender[0].close(),
                        sender));
        assertClear(e.getCause());
    }

    @Test
    public final void stoppedProviderFailsTransfersInFlightCleanly() throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> transfer(0, dir.resolve("target.bin"), new AtomicLong(), new AtomicLong(), this::stopProvider,
                        null));
        assertClear(e.getCause());
    }

    private static void assertClear(Throwable failure) {
        assertNotNull(failure);
        assertTrue(failure instanceof IOException, "an IOException, not " + failure);
        assertNotNull(failure.getMessage());
        assertFalse(failure.getMessage().isBlank(), "the reason is told");
    }

    /** What the test does a third of the way through the file, while the sender is held. */
    @FunctionalInterface
    protected interface Interruption {
        void run() throws Exception;
    }

    private void transfer(long offset, Path target, AtomicLong confirmed, AtomicLong received, Interruption midway)
            throws Exception {
        transfer(offset, target, confirmed, received, midway, null);
    }

    /**
     * Pushes the source from {@code offset}; with an interruption, the sender's reads pause a
     * third of the way through until the interruption has run, then the receiver's failure is
     * thrown (wrapped), so the outcome does not depend on timing.
     */
    private void transfer(long offset, Path target, AtomicLong confirmed, AtomicLong received, Interruption midway,
            TransportSession[] senderOut) throws Exception {
        FileOffer offer = FileOffer.builder("source.bin", SIZE).build();
        TransportProvider p = provider();
        TransportSession tx = p.open(new TransportRequest(offer, Direction.OUTGOING, "bob", scheme(), offset,
                parameters(Direction.OUTGOING)));
        TransportSession rx = p.open(new TransportRequest(offer, Direction.INCOMING, "alice", scheme(), offset,
                parameters(Direction.INCOMING)));
        if (senderOut != null) {
            senderOut[0] = tx;
        }
        List<URI> txPath = tx.localPath();
        List<URI> rxPath = rx.localPath();
        CountDownLatch interrupted = new CountDownLatch(1);
        try (tx; rx; FileChannel in = FileChannel.open(source); FileChannel out = FileChannel.open(target,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            in.position(offset);
            out.position(offset);
            Future<?> receiving = threads.submit(() -> {
                rx.receive(txPath, out, received::set);
                return null;
            });
            ReadableByteChannel src = midway == null ? in : new HeldSource(in, SIZE / 3, () -> {
                threads.submit(() -> {
                    midway.run();
                    interrupted.countDown();
                    return null;
                });
                if (!interrupted.await(20, TimeUnit.SECONDS)) {
                    throw new InterruptedIOException("the interruption did not finish");
                }
            });
            IOException sendFailure = null;
            try {
                tx.send(rxPath, src, confirmed::set);
            } catch (IOException e) {
                sendFailure = e;
            }
            receiving.get(30, TimeUnit.SECONDS);
            if (sendFailure != null) {
                throw sendFailure;
            }
        }
    }

    /** The file, with a pause at {@code holdAt} while the test interrupts the transfer. */
    private static final class HeldSource implements ReadableByteChannel {
        private final FileChannel file;
        private final long holdAt;
        private final Interruption hold;
        private boolean held;

        HeldSource(FileChannel file, long holdAt, Interruption hold) {
            this.file = file;
            this.holdAt = holdAt;
            this.hold = hold;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            if (!held && file.position() >= holdAt) {
                held = true;
                try {
                    hold.run();
                } catch (IOException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
            return file.read(dst);
        }

        @Override
        public boolean isOpen() {
            return file.isOpen();
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
