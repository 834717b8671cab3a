package dev.shoal.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.shoal.model.Service;
import dev.shoal.store.CommitResult;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.ProposalCodec;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import java.nio.charset.StandardCharsets;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.StateMachineLogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.server.raftlog.LogProtoUtils;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/** The state machine's apply path on its own, as a follower replaying the log would drive it. */
class ShoalStateMachineTest {
    private final ProposalCodec codec = new ProposalCodec();
    private final MemoryStore store = new MemoryStore();
    private final ShoalStateMachine sm = new ShoalStateMachine(store, codec, LeadershipListener.NONE);

    private CommitResult apply(long term, long index, byte[] data) {
        StateMachineLogEntryProto smEntry = LogProtoUtils.toStateMachineLogEntryProto(ClientId.randomId(), index,
                StateMachineLogEntryProto.Type.WRITE, ByteString.copyFrom(data), null);
        LogEntryProto entry = LogProtoUtils.toLogEntryProto(smEntry, term, index);
        TransactionContext trx = TransactionContext.newBuilder().setStateMachine(sm).setLogEntry(entry).build();
        Message reply = sm.applyTransaction(trx).join();
        return codec.decodeResult(reply.getContent().toByteArray());
    }

    @Test
    void appliesAnEntryAtItsLogIndexAndAdvancesTheAppliedTermIndex() {
        Service web = new Fixtures().service("web", 1);
        CommitResult r = apply(2, 7, codec.encode(Proposal.atomic(new StoreAction.Create(web))));
        assertEquals(7, r.index());
        assertEquals(7, store.view(tx -> tx.service(web.id())).version().index());
        assertEquals(7, sm.getLastAppliedTermIndex().getIndex());
        assertEquals(2, sm.getLastAppliedTermIndex().getTerm());
        assertNotNull(sm.whenApplied(7).getNow(null));
    }

    @Test
    void aCorruptEntryIsAnsweredAsInvalidAndTheLogMovesOn() {
        CommitResult r = apply(1, 3, "{not json".getBytes(StandardCharsets.UTF_8));
        assertEquals(3, r.index());
        assertEquals(StoreError.Code.INVALID, r.rejected().get(0).error().code());
        assertEquals(3, sm.getLastAppliedTermIndex().getIndex());

        Service web = new Fixtures().service("web", 1);
        CommitResult next = apply(1, 4, codec.encode(Proposal.atomic(new StoreAction.Create(web))));
        assertEquals(0, next.rejected().size());
    }
}
