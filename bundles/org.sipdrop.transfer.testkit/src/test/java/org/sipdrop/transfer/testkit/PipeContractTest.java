package org.sipdrop.transfer.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.sipdrop.transfer.TransportProvider;

/**
 * The kit on a plain class path, against an in-JVM session transport: a correct one passes
 * every case (this class inherits them), and each broken rule makes the case that guards it fail.
 */
class PipeContractTest extends TransportContract {

    private final PipeTransport pipes = new PipeTransport(PipeTransport.Fault.NONE);

    @Override
    protected TransportProvider provider() {
        return pipes;
    }

    @Override
    protected String scheme() {
        return PipeTransport.SCHEME;
    }

    @Override
    protected void stopProvider() {
        pipes.stop();
    }

    /** A contract on a faulty pipe, driven by hand: the kit's cases are ordinary methods. */
    private static final class Faulty extends TransportContract {
        private final PipeTransport pipes;

        Faulty(PipeTransport.Fault fault, Path dir) throws Exception {
            this.pipes = new PipeTransport(fault);
            this.kitDir = Files.createDirectories(dir);
        }

        @Override
        protected TransportProvider provider() {
            return pipes;
        }

        @Override
        protected String scheme() {
            return PipeTransport.SCHEME;
        }

        @Override
        protected void stopProvider() {
            pipes.stop();
        }

        @Override
        protected Duration bound() {
            return Duration.ofSeconds(5);
        }

        @Override
        protected long fileSize() {
            return 512 * 1024 + 3;
        }

        /** @return the assertion the case failed with */
        AssertionError fails(Executable kase) throws Exception {
            prepareKit();
            try {
                return assertThrows(AssertionError.class, kase);
            } finally {
                endKit();
            }
        }
    }

    @Test
    void theKitFailsProgressCountedFromTheOffset(@TempDir Path dir) throws Exception {
        Faulty k = new Faulty(PipeTransport.Fault.PROGRESS_FROM_OFFSET, dir);
        AssertionError e = k.fails(k::resumesFromAnOffset);
        assertTrue(e.getMessage().contains("file positions"), e.getMessage());
    }

    @Test
    void theKitFailsUntypedFailures(@TempDir Path dir) throws Exception {
        Faulty k = new Faulty(PipeTransport.Fault.UNTYPED_FAILURES, dir);
        AssertionError e = k.fails(k::cancelMidWayEndsTheTransferTyped);
        assertTrue(e.getMessage().contains("must fail with a TransportException"), e.getMessage());
    }

    @Test
    void theKitFailsACloseThatLeavesTheTransferRunning(@TempDir Path dir) throws Exception {
        Faulty k = new Faulty(PipeTransport.Fault.CLOSE_IGNORED, dir);
        AssertionError e = k.fails(k::cancelMidWayEndsTheTransferTyped);
        assertTrue(e.getMessage().contains("should have failed"), e.getMessage());
    }

    @Test
    void theKitPassesTheCorrectPipeWhenDrivenByHand(@TempDir Path dir) throws Exception {
        Faulty k = new Faulty(PipeTransport.Fault.NONE, dir);
        k.prepareKit();
        try {
            k.resumesFromAnOffset();
            k.stoppedProviderFailsTransfersInFlight();
        } finally {
            k.endKit();
        }
    }
}
