package io.confman.raft.ratis;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.confman.codec.model.ConfigEntry;
import io.confman.codec.model.Namespace;
import io.confman.raft.ApplyResult;
import io.confman.raft.Change;
import io.confman.raft.RejectReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * The replies Ratis carries back to a proposer. For a command entry: the {@link ApplyResult}s the
 * leader computed, one per command of the entry, handed over as they are to a proposer on the
 * leader and encoded only when the reply crosses the network to a follower that forwarded the
 * entry (whose own state machine may be behind), as a JSON array of flat records. For a read
 * barrier: the entry's log index.
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

    /** The reply to a command entry applied on this node, encoded only if it must cross the network. */
    static Message reply(List<ApplyResult> results) {
        return new ResultsMessage(results);
    }

    /** The results a reply carries: taken as they are from a local reply, or decoded. */
    static List<ApplyResult> results(Message reply) {
        return reply instanceof ResultsMessage local ? local.results : decode(reply.getContent().toByteArray());
    }

    /** The reply to a read barrier entry: its log index, 8 bytes big-endian. */
    static Message barrierReply(long index) {
        return Message.valueOf(ByteString.copyFrom(ByteBuffer.allocate(Long.BYTES).putLong(index).flip()));
    }

    /** The log index a read barrier entry was applied at, from its reply. */
    static long barrierIndex(Message reply) {
        ByteString content = reply.getContent();
        if (content.size() != Long.BYTES) {
            throw new IllegalStateException("a read barrier was answered with " + content.size() + " bytes");
        }
        return content.asReadOnlyByteBuffer().getLong();
    }

    /**
     * A proposer on this node takes the results out of the reply (see {@link #results}); Ratis asks
     * for the bytes only to send a reply over the network, so followers, where no proposer waits,
     * never encode one.
     */
    private static final class ResultsMessage implements Message {
        private final List<ApplyResult> results;
        private volatile ByteString content;

        ResultsMessage(List<ApplyResult> results) {
            this.results = results;
        }

        @Override
        public ByteString getContent() {
            ByteString bytes = content;
            if (bytes == null) {
                bytes = ByteString.copyFrom(encode(results));
                content = bytes;
            }
            return bytes;
        }
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
