package io.confman.launcher.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * The checks over a whole history besides linearizability: acknowledged writes lost by the final
 * state, and revisions that go backwards. Each returns plain descriptions, one per finding.
 */
public final class HistoryChecks {

    private HistoryChecks() {
    }

    /** The operations of each key, by key. */
    public static Map<String, List<Op>> byKey(List<Op> history) {
        Map<String, List<Op>> keys = new TreeMap<>();
        history.forEach(op -> keys.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op));
        return keys;
    }

    /**
     * Acknowledged changes the final state does not reflect. {@code finalReads} holds, per key, a
     * read taken after the faults healed and the traffic stopped. A change is lost when it began
     * after the change that produced the final value had completed (so it must follow that one),
     * yet the final value is the older one; a final value that no operation wrote makes every
     * acknowledged change of the key lost.
     */
    public static List<String> lostWrites(List<Op> history, Map<String, Op> finalReads) {
        List<String> lost = new ArrayList<>();
        Map<String, List<Op>> keys = byKey(history);
        finalReads.forEach((key, read) -> {
            List<Op> ops = keys.getOrDefault(key, List.of());
            List<Op> acknowledged = ops.stream().filter(Op::acknowledgedChange).toList();
            long producerCompleted;
            if (read.result() == Op.Result.NOT_FOUND) {
                // Absent: written last by some delete; the latest possible end of one that may have happened.
                producerCompleted = ops.stream().filter(op -> op.kind() == Op.Kind.DELETE && mayHaveChanged(op))
                        .mapToLong(HistoryChecks::latestEffect).max().orElse(Long.MIN_VALUE);
            } else {
                producerCompleted = ops.stream().filter(op -> op.kind() != Op.Kind.READ && mayHaveChanged(op)
                                && read.value().equals(op.value())).mapToLong(HistoryChecks::latestEffect)
                        .max().orElse(Long.MAX_VALUE - 1);
                if (producerCompleted == Long.MAX_VALUE - 1) {
                    acknowledged.forEach(op -> lost.add(key + ": final value " + read.value()
                            + " was never written; acknowledged " + RegisterChecker.describe(op) + " is gone"));
                    return;
                }
            }
            for (Op op : acknowledged) {
                if (op.invokeNanos() > producerCompleted && !sameValue(op, read)) {
                    lost.add(key + ": acknowledged " + RegisterChecker.describe(op) + " began after the write of the "
                            + "final value " + (read.value() == null ? "(absent)" : read.value()) + " had ended");
                }
            }
        });
        return lost;
    }

    private static boolean sameValue(Op op, Op read) {
        return op.kind() == Op.Kind.DELETE ? read.value() == null : op.value() != null && op.value().equals(read.value());
    }

    private static boolean mayHaveChanged(Op op) {
        return op.outcome() == Op.Outcome.UNKNOWN || op.acknowledgedChange();
    }

    private static long latestEffect(Op op) {
        return op.outcome() == Op.Outcome.UNKNOWN ? Long.MAX_VALUE : op.completeNanos();
    }

    /**
     * Per key, an answered operation that named a revision lower than one named by an operation
     * that had completed before it began: revisions must never go backwards.
     */
    public static List<String> backwardRevisions(List<Op> history) {
        List<String> findings = new ArrayList<>();
        byKey(history).forEach((key, ops) -> {
            List<Op> withRevision = ops.stream().filter(op -> op.outcome() == Op.Outcome.OK && op.revision() >= 0)
                    .sorted(Comparator.comparingLong(Op::invokeNanos)).toList();
            PriorityQueue<Op> byCompletion = new PriorityQueue<>(Comparator.comparingLong(Op::completeNanos));
            byCompletion.addAll(withRevision);
            long highest = -1;
            Op highestOp = null;
            for (Op op : withRevision) {
                while (!byCompletion.isEmpty() && byCompletion.peek().completeNanos() < op.invokeNanos()) {
                    Op done = byCompletion.poll();
                    if (done.revision() > highest) {
                        highest = done.revision();
                        highestOp = done;
                    }
                }
                if (op.revision() < highest) {
                    findings.add(key + ": " + RegisterChecker.describe(op) + " saw revision " + op.revision()
                            + " after " + RegisterChecker.describe(highestOp) + " had seen " + highest);
                }
            }
        });
        return findings;
    }
}
