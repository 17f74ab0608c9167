package io.confman.raft.node;

/**
 * A membership change that cannot be made as asked; retrying the same request will not help.
 * The web layer maps {@link Reason#UNKNOWN_MEMBER} to 404 and the others to 409.
 */
public final class MembershipChangeRefused extends RuntimeException {

    /** Why the change was refused. */
    public enum Reason {
        /** No member has the given id. */
        UNKNOWN_MEMBER,
        /** The id, or one of the addresses, is taken by another member. */
        CONFLICT,
        /** The change would leave the group without a voter, or another change is under way. */
        NOT_NOW
    }

    private final Reason reason;

    public MembershipChangeRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
