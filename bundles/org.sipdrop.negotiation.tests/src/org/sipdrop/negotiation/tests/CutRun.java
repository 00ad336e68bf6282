package org.sipdrop.negotiation.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a cut-and-resume run: how many cuts to make ({@code -Dsipdrop.faults.cuts}, 6 by
 * default), the seed of the cut offsets ({@code -Dsipdrop.faults.seed}), the time it may take
 * ({@code -Dsipdrop.faults.budget.s}), and the figures it prints on one {@code FAULTS} line, which
 * {@code releng/faults/run} collects.
 */
final class CutRun {

    static final String CUTS = "sipdrop.faults.cuts";
    static final String SEED = "sipdrop.faults.seed";
    static final String BUDGET = "sipdrop.faults.budget.s";

    final String transport;
    final int target = Integer.getInteger(CUTS, 6);
    final long seed = Long.getLong(SEED, 16_002L);
    private final long deadline;
    private final Duration budget;
    private int cuts;
    private int transfers;
    private int completed;
    private int hashOk;
    private final List<Long> resentPerCut = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    CutRun(String transport) {
        this.transport = transport;
        this.budget = Duration.ofSeconds(Long.getLong(BUDGET, 90L));
        this.deadline = System.nanoTime() + budget.toNanos();
        System.out.println("FAULTS-START transport=" + transport + " cuts=" + target + " seed=" + seed + " budget="
                + budget.toSeconds() + "s");
    }

    /** @return true while cuts are missing and there is time left */
    boolean more() {
        return cuts < target && System.nanoTime() < deadline;
    }

    /**
     * Records one transfer: it completed or not, its hash matched or not, the proxy broke it
     * {@code cutsNow} times, and {@code extraBytes} crossed the proxy beyond an unbroken transfer.
     */
    void transfer(boolean done, boolean hashMatches, int cutsNow, long extraBytes, String note) {
        transfers++;
        completed += done ? 1 : 0;
        hashOk += hashMatches ? 1 : 0;
        cuts += cutsNow;
        for (int i = 0; i < cutsNow; i++) {
            resentPerCut.add(extraBytes / cutsNow);
        }
        notes.add(note);
        System.out.println("FAULTS-TRANSFER transport=" + transport + " #" + transfers + " cuts=" + cutsNow + " extra="
                + extraBytes + " completed=" + done + " hash-ok=" + hashMatches + " " + note);
    }

    /** Prints the summary line and asserts every transfer completed verified, and enough cuts were made. */
    void finish() {
        long mean = resentPerCut.isEmpty() ? 0 : Math.round(resentPerCut.stream().mapToLong(Long::longValue).average().orElse(0));
        long max = resentPerCut.stream().mapToLong(Long::longValue).max().orElse(0);
        System.out.println("FAULTS transport=" + transport + " cuts=" + cuts + " transfers=" + transfers + " completed="
                + completed + " hash-ok=" + hashOk + " resent-per-cut-mean=" + mean + " resent-per-cut-max=" + max
                + " seed=" + seed);
        assertEquals(transfers, completed, () -> "every transfer completes: " + notes);
        assertEquals(transfers, hashOk, () -> "every file arrives with the sender's hash: " + notes);
        assertTrue(cuts >= target, () -> "made " + cuts + " of " + target + " cuts within " + budget.toSeconds() + " s: "
                + notes);
    }
}
