package io.confman.launcher.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.confman.launcher.chaos.Op.Outcome;
import io.confman.launcher.chaos.Op.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checkers of the fault suite, on hand-made histories (times in arbitrary units): they must
 * flag a stale read, a lost write, a compare-and-swap anomaly and a read of a value never written,
 * and accept valid histories, including concurrent overlaps and operations whose outcome is
 * unknown (which may take effect late, or never).
 */
class RegisterCheckerTest {

    private static final RegisterChecker CHECKER = new RegisterChecker(1_000_000);
    private long ids;

    private Op write(int client, String value, long from, long to) {
        return Op.write(++ids, client, "k", value, from, to, Outcome.OK);
    }

    private Op unknownWrite(int client, String value, long from) {
        return Op.write(++ids, client, "k", value, from, from + 1, Outcome.UNKNOWN);
    }

    private Op read(int client, String value, long from, long to) {
        return Op.read(++ids, client, "k", value, from, to, -1);
    }

    private Op cas(int client, String expected, String value, long from, long to, Result result) {
        return Op.cas(++ids, client, "k", expected, value, from, to, Outcome.OK, result);
    }

    private Op delete(int client, long from, long to, Result result) {
        return Op.delete(++ids, client, "k", from, to, Outcome.OK, result);
    }

    private static boolean linearizable(Op... ops) {
        RegisterChecker.Verdict verdict = CHECKER.check(List.of(ops));
        assertFalse(verdict.undecided());
        return verdict.linearizable();
    }

    @Test
    void sequentialWritesAndReadsAreLinearizable() {
        assertTrue(linearizable(read(1, null, 0, 1), write(1, "a", 2, 3), read(2, "a", 4, 5), write(2, "b", 6, 7),
                read(1, "b", 8, 9), delete(1, 10, 11, Result.DONE), read(2, null, 12, 13)));
    }

    @Test
    void aStaleReadIsFlagged() {
        assertFalse(linearizable(write(1, "a", 0, 1), write(1, "b", 2, 3), read(2, "a", 4, 5)));
    }

    @Test
    void aReadOfAValueNeverWrittenIsFlagged() {
        RegisterChecker.Verdict verdict = CHECKER.check(List.of(write(1, "a", 0, 1), read(2, "ghost", 2, 3)));
        assertFalse(verdict.linearizable());
        assertTrue(verdict.explanation().contains("ghost"), verdict.explanation());
    }

    @Test
    void aReadOverlappingAWriteMaySeeEitherValue() {
        assertTrue(linearizable(write(1, "a", 0, 1), write(1, "b", 2, 10), read(2, "a", 3, 4), read(3, "b", 5, 6)));
        // but once one reader saw the new value, a later read may not see the old one
        assertFalse(linearizable(write(1, "a", 0, 1), write(1, "b", 2, 10), read(2, "b", 3, 4), read(3, "a", 5, 6)));
    }

    @Test
    void concurrentWritesMayTakeEffectInEitherOrderButOnlyOne() {
        assertTrue(linearizable(write(1, "a", 0, 5), write(2, "b", 1, 6), read(3, "a", 7, 8), read(3, "a", 9, 10)));
        assertFalse(linearizable(write(1, "a", 0, 5), write(2, "b", 1, 6), read(3, "a", 7, 8), read(3, "b", 9, 10)));
    }

    @Test
    void casAnomaliesAreFlagged() {
        // two CAS from the same expected value cannot both succeed
        assertFalse(linearizable(write(1, "a", 0, 1), cas(2, "a", "b", 2, 5, Result.DONE),
                cas(3, "a", "c", 3, 6, Result.DONE)));
        // a CAS that failed although the value matched all along
        assertFalse(linearizable(write(1, "a", 0, 1), cas(2, "a", "b", 2, 3, Result.PRECONDITION_FAILED),
                read(3, "a", 4, 5)));
        // a CAS that succeeded on a value no longer there
        assertFalse(linearizable(write(1, "a", 0, 1), write(1, "x", 2, 3), cas(2, "a", "b", 4, 5, Result.DONE)));
    }

    @Test
    void validCasHistoriesPass() {
        assertTrue(linearizable(write(1, "a", 0, 1), cas(2, "a", "b", 2, 5, Result.DONE),
                cas(3, "a", "c", 3, 6, Result.PRECONDITION_FAILED), read(1, "b", 7, 8)));
    }

    @Test
    void deletesOfAbsentAndPresentKeys() {
        assertTrue(linearizable(delete(1, 0, 1, Result.NOT_FOUND), write(1, "a", 2, 3), delete(2, 4, 5, Result.DONE)));
        assertFalse(linearizable(write(1, "a", 0, 1), delete(2, 2, 3, Result.NOT_FOUND)));
        assertFalse(linearizable(delete(1, 0, 1, Result.DONE)));
    }

    @Test
    void aWriteOfUnknownOutcomeMayTakeEffectLateOrNever() {
        // never: nobody saw it
        assertTrue(linearizable(write(1, "a", 0, 1), unknownWrite(2, "u", 2), read(3, "a", 10, 11)));
        // late: seen long after its request was given up, then overwritten
        assertTrue(linearizable(write(1, "a", 0, 1), unknownWrite(2, "u", 2), read(3, "a", 10, 11),
                read(3, "u", 20, 21), write(1, "b", 22, 23), read(3, "b", 24, 25)));
        // but it cannot take effect before it was sent
        assertFalse(linearizable(write(1, "a", 0, 1), read(3, "u", 2, 3), unknownWrite(2, "u", 4)));
        // and it takes effect at most once: not seen, overwritten, and seen again
        assertFalse(linearizable(unknownWrite(2, "u", 0), read(3, "u", 2, 3), write(1, "b", 4, 5),
                read(3, "u", 6, 7)));
    }

    @Test
    void failedOperationsAreIgnored() {
        Op refused = Op.write(++ids, 2, "k", "never", 2, 3, Outcome.FAIL);
        assertTrue(linearizable(write(1, "a", 0, 1), refused, read(3, "a", 4, 5)));
    }

    @Test
    void aLostAcknowledgedWriteIsFoundByTheFinalRead() {
        Op a = write(1, "a", 0, 1);
        Op b = write(1, "b", 2, 3);
        Op finalRead = read(9, "a", 10, 11);
        List<String> lost = HistoryChecks.lostWrites(List.of(a, b, finalRead), Map.of("k", finalRead));
        assertEquals(1, lost.size(), lost.toString());
        assertTrue(lost.getFirst().contains("value b"), lost.toString());
        assertFalse(linearizable(a, b, finalRead));

        Op deleted = read(9, null, 10, 11);
        assertEquals(2, HistoryChecks.lostWrites(List.of(a, b, deleted), Map.of("k", deleted)).size());
        Op kept = read(9, "b", 10, 11);
        assertEquals(List.of(), HistoryChecks.lostWrites(List.of(a, b, kept), Map.of("k", kept)));
    }

    @Test
    void aFinalValueFromAnUnknownWriteLosesNothingThatCameBefore() {
        Op a = write(1, "a", 0, 1);
        Op u = unknownWrite(2, "u", 2);
        Op finalRead = read(9, "u", 10, 11);
        assertEquals(List.of(), HistoryChecks.lostWrites(List.of(a, u, finalRead), Map.of("k", finalRead)));
    }

    @Test
    void revisionsGoingBackwardsAreFlagged() {
        Op first = read(1, "b", 0, 1).withRevision(12);
        Op later = read(2, "a", 2, 3).withRevision(9);
        Op overlapping = read(3, "a", 0, 5).withRevision(9);
        assertEquals(1, HistoryChecks.backwardRevisions(List.of(first, later)).size());
        assertEquals(List.of(), HistoryChecks.backwardRevisions(List.of(first, overlapping)));
    }

    /** Random sequential histories of a simulated register, with overlaps and unknown writes: all valid. */
    @Test
    void randomValidHistoriesWithOverlapsAndUnknownsPass() {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            List<Op> ops = new ArrayList<>();
            String current = null;
            long time = 0;
            for (int i = 0; i < 200; i++) {
                time += 10;
                long from = time - random.nextInt(9);
                long to = time + random.nextInt(9);
                int client = random.nextInt(5);
                switch (random.nextInt(5)) {
                    case 0 -> ops.add(read(client, current, from, to));
                    case 1 -> {
                        current = "v" + i;
                        ops.add(write(client, current, from, to));
                    }
                    case 2 -> {
                        boolean matches = current != null && random.nextBoolean();
                        String expected = matches ? current : "v-none";
                        if (matches) {
                            current = "c" + i;
                        }
                        ops.add(cas(client, expected, "c" + i, from, to,
                                matches ? Result.DONE : Result.PRECONDITION_FAILED));
                    }
                    case 3 -> {
                        ops.add(delete(client, from, to, current == null ? Result.NOT_FOUND : Result.DONE));
                        current = null;
                    }
                    default -> {
                        if (random.nextBoolean()) {
                            current = "u" + i;
                        }
                        ops.add(unknownWrite(client, "u" + i, from));
                    }
                }
            }
            RegisterChecker.Verdict verdict = CHECKER.check(ops);
            assertTrue(verdict.linearizable(), "seed " + seed + ": " + verdict);
        }
    }
}
