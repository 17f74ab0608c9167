package io.confman.raft;

import io.confman.codec.command.Command;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.DeleteConfig;
import io.confman.codec.command.DeleteNamespace;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.codec.command.SetConfigBlobRef;
import io.confman.codec.command.SetNamespace;

/**
 * A state machine fed the way the Raft adapter feeds it: each command encoded, applied at the next
 * log index in term 1. Timestamps are derived from the index so tests stay deterministic.
 */
final class Node {

    static final String ACTOR = "Development Admin";

    final ConfigStateMachine machine;
    private long index;

    Node() {
        this(new ConfigStateMachine());
    }

    Node(ConfigStateMachine machine) {
        this.machine = machine;
        this.index = Math.max(machine.lastAppliedIndex(), 0);
    }

    ApplyResult apply(Command command) {
        return applyBytes(CommandCodec.encode(command));
    }

    ApplyResult applyBytes(byte[] entry) {
        index++;
        return machine.apply(new LogPosition(1, index), entry);
    }

    long lastIndex() {
        return index;
    }

    String nextTimestamp() {
        return timestampFor(index + 1);
    }

    static String timestampFor(long index) {
        return String.format("2026-02-12T10:%02d:%02dZ", (index / 60) % 60, index % 60);
    }

    ApplyResult setConfig(String namespace, String key, String value) {
        return setConfig(namespace, key, value, Preconditions.NONE);
    }

    ApplyResult setConfig(String namespace, String key, String value, Preconditions preconditions) {
        return apply(new SetConfig(namespace, key, value, "string", ACTOR, nextTimestamp(), preconditions));
    }

    ApplyResult setBlob(String namespace, String key, String sha256, long size) {
        return apply(new SetConfigBlobRef(namespace, key, sha256, size, "application/octet-stream", null, ACTOR,
                nextTimestamp(), Preconditions.NONE));
    }

    ApplyResult deleteConfig(String namespace, String key) {
        return deleteConfig(namespace, key, Preconditions.NONE);
    }

    ApplyResult deleteConfig(String namespace, String key, Preconditions preconditions) {
        return apply(new DeleteConfig(namespace, key, ACTOR, nextTimestamp(), preconditions));
    }

    ApplyResult setNamespace(String path, String description, String owner) {
        return apply(new SetNamespace(path, description, owner, ACTOR, nextTimestamp()));
    }

    ApplyResult deleteNamespace(String path) {
        return apply(new DeleteNamespace(path, ACTOR, nextTimestamp()));
    }

    static String sha(int n) {
        return String.format("%064x", n);
    }
}
