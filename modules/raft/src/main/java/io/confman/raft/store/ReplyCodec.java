package io.confman.raft.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import io.confman.raft.ApplyResult;
import io.confman.raft.Change;
import io.confman.raft.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes the {@link ApplyResult} a leader computed into the Raft reply, and decodes it on the
 * node that proposed the command (which may be a follower whose own state machine is behind): a
 * JSON array of flat records, one per command of the entry.
 */
final class ReplyCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplyCodec() {
    }

    /** The wire shape of a reply: one flat record, the fields of one outcome set. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Reply(String outcome, Long revision, String change, Boolean created, ConfigEntry entry,
                 Namespace namespace, String path, Integer deletedConfigs, RejectReason reason, String detail,
                 Long currentVersion) {
    }

    /** The reply to an entry: one element per command, in order. */
    static byte[] encode(List<ApplyResult> results) {
        try {
            return JSON.writeValueAsBytes(results.stream().map(ReplyCodec::reply).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Reply reply(ApplyResult result) {
        return switch (result) {
            case ApplyResult.Applied a -> switch (a.change()) {
                case Change.ConfigStored c -> new Reply("applied", a.revision(), "configStored", c.created(),
                        c.entry(), null, null, null, null, null, null);
                case Change.ConfigDeleted c -> new Reply("applied", a.revision(), "configDeleted", null,
                        c.previous(), null, null, null, null, null, null);
                case Change.NamespaceStored n -> new Reply("applied", a.revision(), "namespaceStored", n.created(),
                        null, n.namespace(), null, null, null, null, null);
                case Change.NamespaceDeleted n -> new Reply("applied", a.revision(), "namespaceDeleted", null,
                        null, n.previous(), n.path(), n.deletedConfigs(), null, null, null);
            };
            case ApplyResult.Rejected r -> new Reply("rejected", null, null, null, null, null, null, null,
                    r.reason(), r.detail(), r.currentVersion());
            case ApplyResult.Skipped s -> new Reply("skipped", null, null, null, null, null, null, null, null,
                    s.reason(), null);
        };
    }

    /** The results of an entry's commands, in order. */
    static List<ApplyResult> decode(byte[] bytes) {
        try {
            return Arrays.stream(JSON.readValue(bytes, Reply[].class)).map(ReplyCodec::result).toList();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable Raft reply (" + bytes.length + " bytes)", e);
        }
    }

    private static ApplyResult result(Reply r) {
        return switch (r.outcome()) {
            case "applied" -> new ApplyResult.Applied(switch (r.change()) {
                case "configStored" -> new Change.ConfigStored(r.entry(), r.created());
                case "configDeleted" -> new Change.ConfigDeleted(r.entry());
                case "namespaceStored" -> new Change.NamespaceStored(r.namespace(), r.created());
                case "namespaceDeleted" -> new Change.NamespaceDeleted(r.path(), r.namespace(), r.deletedConfigs());
                default -> throw new IllegalStateException("unknown change in Raft reply: " + r.change());
            }, r.revision());
            case "rejected" -> new ApplyResult.Rejected(r.reason(), r.detail(), r.currentVersion());
            case "skipped" -> new ApplyResult.Skipped(r.detail());
            default -> throw new IllegalStateException("unknown outcome in Raft reply: " + r.outcome());
        };
    }
}
