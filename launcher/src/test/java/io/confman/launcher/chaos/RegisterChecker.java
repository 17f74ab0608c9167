package io.confman.launcher.chaos;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether the history of one key is linearizable for a register with read, write,
 * compare-and-swap and delete: the Wing–Gong search with Lowe's memoization (as in Knossos and
 * Porcupine). Operations are lifted out of a time-ordered list of call and return events one at a
 * time, each at a point between its call and its return, backtracking when the register cannot
 * explain what an operation observed; a (set of linearized operations, register state) pair that
 * failed once is never explored again.
 *
 * <p>An operation whose outcome is {@link Op.Outcome#UNKNOWN} returns at infinity and may take
 * effect at any point after its call, or never: the register state is a <em>set</em> of possible
 * values, and linearizing such an operation adds the value it would write to the set (the model
 * of Porcupine's nondeterministic registers). {@link Op.Outcome#FAIL} operations are ignored.
 *
 * <p>Ties between a return and a call at the same instant count as overlapping (the lenient
 * choice: the checker never flags what the clock cannot separate). The search is bounded by
 * {@code maxStates} memo entries; a key that exceeds it is reported undecided, not as a violation.
 */
public final class RegisterChecker {

    /** The register's value when the key is absent. */
    static final String ABSENT = "\u0000absent";

    private final long maxStates;

    public RegisterChecker(long maxStates) {
        this.maxStates = maxStates;
    }

    /** What the search found for one key. */
    public record Verdict(boolean linearizable, boolean undecided, String explanation) {
        static final Verdict OK = new Verdict(true, false, "");
    }

    /** Checks the operations of one key (in any order); fresh keys start absent. */
    public Verdict check(List<Op> ops) {
        List<Op> relevant = ops.stream().filter(op -> op.outcome() != Op.Outcome.FAIL).toList();
        Entry head = buildList(relevant);
        int deepest = 0;
        Op stuckAt = null;
        Set<String> state = Set.of(ABSENT);
        BitSet linearized = new BitSet(relevant.size());
        Set<Memo> seen = new HashSet<>();
        Deque<Frame> calls = new ArrayDeque<>();
        Entry entry = head.next;
        while (head.next != null) {
            if (entry.isCall) {
                Set<String> next = step(state, entry.op);
                if (next != null) {
                    BitSet after = (BitSet) linearized.clone();
                    after.set(entry.index);
                    if (seen.add(new Memo(after, next))) {
                        if (seen.size() > maxStates) {
                            return new Verdict(false, true, "search exceeded " + maxStates + " states");
                        }
                        calls.push(new Frame(entry, state));
                        state = next;
                        linearized.set(entry.index);
                        entry.lift();
                        if (calls.size() > deepest) {
                            deepest = calls.size();
                            stuckAt = null;
                        }
                        entry = head.next;
                        continue;
                    }
                }
                entry = entry.next;
            } else {
                if (calls.size() == deepest && stuckAt == null) {
                    stuckAt = entry.op;
                }
                if (calls.isEmpty()) {
                    return new Verdict(false, false, "no linearization: after " + deepest + " operations none "
                            + "can explain " + describe(stuckAt) + " (values possible then could not produce it)");
                }
                Frame top = calls.pop();
                entry = top.entry;
                state = top.state;
                linearized.clear(entry.index);
                entry.unlift();
                entry = entry.next;
            }
        }
        return Verdict.OK;
    }

    static String describe(Op op) {
        if (op == null) {
            return "an operation";
        }
        return "op " + op.id() + " (client " + op.client() + ", " + op.kind() + " " + op.outcome() + " "
                + op.result() + (op.expected() != null ? ", expected " + op.expected() : "")
                + (op.value() != null ? ", value " + op.value() : "") + ")";
    }

    /** The possible register values after {@code op} from {@code states}, or null when it cannot happen there. */
    static Set<String> step(Set<String> states, Op op) {
        boolean unknown = op.outcome() == Op.Outcome.UNKNOWN;
        return switch (op.kind()) {
            case READ -> {
                String seen = op.result() == Op.Result.NOT_FOUND ? ABSENT : op.value();
                yield states.contains(seen) ? Set.of(seen) : null;
            }
            case WRITE -> unknown ? with(states, op.value()) : Set.of(op.value());
            case CAS -> {
                boolean matches = states.contains(op.expected());
                if (unknown) {
                    yield matches ? with(states, op.value()) : states;
                }
                if (op.result() == Op.Result.DONE) {
                    yield matches ? Set.of(op.value()) : null;
                }
                Set<String> others = new HashSet<>(states);
                others.remove(op.expected());
                yield others.isEmpty() ? null : Set.copyOf(others);
            }
            case DELETE -> {
                boolean present = states.stream().anyMatch(s -> !s.equals(ABSENT));
                if (unknown) {
                    yield present ? with(states, ABSENT) : states;
                }
                if (op.result() == Op.Result.DONE) {
                    yield present ? Set.of(ABSENT) : null;
                }
                yield states.contains(ABSENT) ? Set.of(ABSENT) : null;
            }
        };
    }

    private static Set<String> with(Set<String> states, String value) {
        if (states.contains(value)) {
            return states;
        }
        Set<String> more = new HashSet<>(states);
        more.add(value);
        return Set.copyOf(more);
    }

    private record Memo(BitSet linearized, Set<String> state) {
    }

    private record Frame(Entry entry, Set<String> state) {
    }

    /** A call or return event in the doubly linked, time-ordered list the search lifts from. */
    private static final class Entry {
        final Op op;
        final boolean isCall;
        final int index;
        Entry match;
        Entry prev;
        Entry next;

        Entry(Op op, boolean isCall, int index) {
            this.op = op;
            this.isCall = isCall;
            this.index = index;
        }

        /** Removes this call and its return from the list. */
        void lift() {
            prev.next = next;
            if (next != null) {
                next.prev = prev;
            }
            match.prev.next = match.next;
            if (match.next != null) {
                match.next.prev = match.prev;
            }
        }

        /** Puts this call and its return back where they were. */
        void unlift() {
            match.prev.next = match;
            if (match.next != null) {
                match.next.prev = match;
            }
            prev.next = this;
            if (next != null) {
                next.prev = this;
            }
        }
    }

    private static Entry buildList(List<Op> ops) {
        record Event(long time, boolean isCall, Entry entry) {
        }
        List<Event> events = new ArrayList<>(ops.size() * 2);
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Entry call = new Entry(op, true, i);
            Entry ret = new Entry(op, false, i);
            call.match = ret;
            long returned = op.outcome() == Op.Outcome.UNKNOWN ? Long.MAX_VALUE : op.completeNanos();
            events.add(new Event(op.invokeNanos(), true, call));
            events.add(new Event(returned, false, ret));
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparing(e -> !e.isCall()));
        Entry head = new Entry(null, false, -1);
        Entry last = head;
        for (Event event : events) {
            last.next = event.entry();
            event.entry().prev = last;
            last = event.entry();
        }
        return head;
    }
}
