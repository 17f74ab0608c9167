package io.confman.codec.command;

/**
 * A change to the replicated state, as proposed by one node and applied by all.
 *
 * <p>Every command carries its {@code actor} (the API key's name) and its {@code timestamp}, an
 * ISO-8601 UTC instant chosen once by the proposing node: the state machine never reads a clock.
 * Records validate only that required fields are present (a null is a programming error); business
 * validity (blank names, malformed hashes) is the state machine's call, so that it is decided the
 * same way on every node.
 */
public sealed interface Command permits SetNamespace, DeleteNamespace, ConfigCommand {

    /** The namespace the command concerns. */
    String namespace();

    String actor();

    String timestamp();

    /** The envelope type tag for this command. */
    default CommandType commandType() {
        return CommandType.of(this);
    }
}
