package io.confman.raft.ratis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.confman.codec.command.CommandBatch;
import io.confman.codec.command.CommandCodec;
import io.confman.codec.command.DeleteConfig;
import io.confman.codec.command.DeleteNamespace;
import io.confman.codec.command.Preconditions;
import io.confman.codec.command.SetConfig;
import io.confman.codec.command.SetNamespace;
import io.confman.raft.ApplyResult;
import io.confman.raft.ConfigStateMachine;
import io.confman.raft.LogPosition;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.ratis.protocol.Message;
import org.junit.jupiter.api.Test;

/**
 * The reply a proposer gets: the very results on the node that applied the entry, and the same
 * results after the reply crossed the network as bytes (every outcome and every kind of change);
 * a read barrier's reply carries its index.
 */
class ReplyCodecTest {
    private static final String AT = "2026-12-01T10:00:00Z";

    @Test
    void resultsReachALocalProposerAsTheyAreAndARemoteOneEqualAfterEncoding() {
        ConfigStateMachine machine = new ConfigStateMachine();
        List<ApplyResult> results = machine.applyEntry(new LogPosition(1, 1), ByteBuffer.wrap(CommandBatch.encode(List.of(
                CommandCodec.encode(new SetNamespace("ns", "payments", "team", "tester", AT)),
                CommandCodec.encode(new SetConfig("ns", "k", "v", "string", "tester", AT, Preconditions.NONE)),
                CommandCodec.encode(new SetConfig("ns", "k", "w", "string", "tester", AT, Preconditions.ifMatch(9))),
                CommandCodec.encode(new DeleteConfig("ns", "k", "tester", AT, Preconditions.NONE)),
                CommandCodec.encode(new SetConfig("ns", "j", "v", "string", "tester", AT, Preconditions.NONE)),
                CommandCodec.encode(new DeleteNamespace("ns", "tester", AT)),
                new byte[] {(byte) 0xFF, 1, 2}))));
        assertEquals(7, results.size(), results::toString);

        Message local = ReplyCodec.reply(results);
        assertSame(results, ReplyCodec.results(local), "a proposer on this node gets the very results");
        Message remote = Message.valueOf(local.getContent());
        assertEquals(results, ReplyCodec.results(remote), "the same results after the network");
    }

    @Test
    void aReadBarrierReplyCarriesItsIndex() {
        assertEquals(123_456_789_012L, ReplyCodec.barrierIndex(ReplyCodec.barrierReply(123_456_789_012L)));
    }
}
