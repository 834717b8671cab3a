package dev.shoal.raft;

import dev.shoal.store.CommitResult;
import dev.shoal.store.MemoryStore;
import dev.shoal.store.Proposal;
import dev.shoal.store.ProposalCodec;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import dev.shoal.store.StoreSnapshot;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.JavaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ratis state machine that replicates the cluster store: each log entry is one encoded
 * {@link Proposal}, applied to this manager's {@link MemoryStore} at its log index (so an object's
 * {@code Version.Index} is the Raft index of its last write), and answered with the encoded
 * {@link CommitResult}.
 *
 * <p>Promises: entries are applied in log order under one lock together with the last-applied
 * term-index, so a snapshot always matches its term-index; {@link #applyTransaction} never fails
 * (an undecodable entry is logged and answered with an {@code INVALID} rejection, identically on
 * every replica); restart rebuilds the same store from the latest snapshot plus the log. Snapshots
 * are single files in {@link SimpleStateMachineStorage}. Leader events feed a
 * {@link LeadershipListener}. Failure to read a snapshot at start is fatal ({@link IOException} from
 * {@link #initialize}/{@link #reinitialize}): the server must not serve a partial store.
 *
 * <p>Thread-safe; Ratis calls it from its own threads.
 */
public final class ShoalStateMachine extends BaseStateMachine {
    private static final Logger log = LoggerFactory.getLogger(ShoalStateMachine.class);

    private final MemoryStore store;
    private final ProposalCodec codec;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final SnapshotFiles snapshots;
    private final AppliedIndexWaiters applied = new AppliedIndexWaiters();
    private final LeadershipTracker leadership;
    private final Object applyLock = new Object();

    /**
     * @param store    the replica this state machine writes; should be empty (it is replaced by the
     *                 latest snapshot, if any, when the server starts)
     * @param codec    the log-entry codec, shared with the proposer
     * @param listener told of leadership changes
     */
    public ShoalStateMachine(MemoryStore store, ProposalCodec codec, LeadershipListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.snapshots = new SnapshotFiles(storage, codec);
        this.leadership = new LeadershipTracker(listener, String.valueOf(System.identityHashCode(this)));
    }

    /** The store this state machine applies to. */
    public MemoryStore store() { return store; }

    /** Whether this peer is the Raft leader and its store is up to date with its term. */
    public boolean isLeader() { return leadership.isLeader(); }

    /** The peer id of the current leader as last seen by this peer, or {@code null} if unknown. */
    public String leaderId() { return leadership.leaderId(); }

    /** A future completed once this replica has applied log {@code index} (failed if the node closes first). */
    public CompletableFuture<Long> whenApplied(long index) { return applied.await(index); }

    // ---- lifecycle and snapshots -------------------------------------------------------------

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        super.initialize(server, groupId, raftStorage);
        storage.init(raftStorage);
        loadLatestSnapshot();
    }

    /** Reloads the latest snapshot, e.g. after the leader installed one on this follower. */
    @Override
    public void reinitialize() throws IOException {
        loadLatestSnapshot();
    }

    private void loadLatestSnapshot() throws IOException {
        SingleFileSnapshotInfo info = storage.loadLatestSnapshot();
        if (info == null) return;
        StoreSnapshot snapshot = snapshots.read(info);
        TermIndex at = info.getTermIndex();
        synchronized (applyLock) {
            store.restore(snapshot);
            setLastAppliedTermIndex(at);
        }
        applied.advance(at.getIndex());
        log.info("{}: restored store from snapshot {} ({} nodes, {} services, {} tasks)", getId(), at,
                snapshot.nodes().size(), snapshot.services().size(), snapshot.tasks().size());
    }

    @Override
    public StateMachineStorage getStateMachineStorage() { return storage; }

    @Override
    public SingleFileSnapshotInfo getLatestSnapshot() { return storage.getLatestSnapshot(); }

    /**
     * Writes the whole store as of the last applied entry to {@code snapshot.<term>_<index>}.
     * Copying the store holds the apply lock briefly; encoding and writing happen outside it.
     */
    @Override
    public long takeSnapshot() throws IOException {
        StoreSnapshot snapshot;
        TermIndex at;
        synchronized (applyLock) {
            at = getLastAppliedTermIndex();
            if (at == null || at.getIndex() < 0) return -1;
            snapshot = store.snapshot();
        }
        snapshots.write(snapshot, at);
        log.info("{}: took snapshot at {} ({} tasks)", getId(), at, snapshot.tasks().size());
        return at.getIndex();
    }

    // ---- transactions ------------------------------------------------------------------------

    /** Decodes the proposal on the leader before it enters the log; an undecodable one is refused. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        try {
            trx.setStateMachineContext(codec.decode(request.getMessage().getContent().toByteArray()));
        } catch (RuntimeException e) {
            trx.setException(new IllegalArgumentException("invalid proposal: " + e.getMessage(), e));
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        TermIndex at = TermIndex.valueOf(entry);
        CommitResult result;
        try {
            Proposal proposal = proposalOf(trx, entry);
            synchronized (applyLock) {
                if (proposal == null) {
                    result = invalid(at.getIndex());
                } else if (proposal.leaderTerm() > 0 && proposal.leaderTerm() != at.getTerm()) {
                    result = staleTerm(at, proposal.leaderTerm());
                } else {
                    result = store.apply(at.getIndex(), proposal);
                }
                updateLastAppliedTermIndex(at);
            }
        } catch (RuntimeException e) {
            // MemoryStore.apply never throws; this is a last line of defence so the log keeps moving.
            log.error("{}: failed to apply log entry {}", getId(), at, e);
            synchronized (applyLock) {
                updateLastAppliedTermIndex(at);
            }
            result = invalid(at.getIndex());
        }
        applied.advance(at.getIndex());
        return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(codec.encodeResult(result))));
    }

    private Proposal proposalOf(TransactionContext trx, LogEntryProto entry) {
        Object cached = trx.getStateMachineContext();
        if (cached instanceof Proposal p) return p;
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        try {
            return codec.decode(data.toByteArray());
        } catch (RuntimeException e) {
            log.error("{}: corrupt log entry {} ({} bytes) answered as invalid: {}", getId(), TermIndex.valueOf(entry),
                    data.size(), e.toString());
            return null;
        }
    }

    /**
     * Refuses a proposal made by the leader of an earlier term and committed by a later leader: its
     * author decided on a view that may be stale. Every replica sees the same terms, so all refuse it alike.
     */
    private CommitResult staleTerm(TermIndex at, long proposedIn) {
        log.info("{}: dropped entry {} proposed by the leader of term {}", getId(), at, proposedIn);
        return new CommitResult(at.getIndex(), java.util.List.of(new CommitResult.Rejection(0, new dev.shoal.store.StoreError(
                dev.shoal.store.StoreError.Code.UNAVAILABLE, "proposed by the leader of term " + proposedIn
                        + ", which no longer leads (committed in term " + at.getTerm() + ")"))));
    }

    private static CommitResult invalid(long index) {
        return new CommitResult(index, List.of(new CommitResult.Rejection(0,
                new StoreError(StoreError.Code.INVALID, "the log entry at index " + index + " is not a valid proposal"))));
    }

    /** Non-transaction entries (configuration, no-ops) also advance the applied index. */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        synchronized (applyLock) {
            super.notifyTermIndexUpdated(term, index);
        }
        applied.advance(index);
    }

    /** Answers a (linearizable) read with the index this replica has applied, as 8 big-endian bytes. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        TermIndex at = getLastAppliedTermIndex();
        long index = at == null ? 0 : at.getIndex();
        return CompletableFuture.completedFuture(Message.valueOf(
                UnsafeByteOperations.unsafeWrap(ByteBuffer.allocate(Long.BYTES).putLong(0, index))));
    }

    // ---- leadership --------------------------------------------------------------------------

    @Override
    public void notifyLeaderReady() {
        leadership.leaderReady(String.valueOf(getId()));
    }

    @Override
    public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
        leadership.leaderChanged(newLeaderId == null ? null : newLeaderId.toString(), String.valueOf(getId()));
    }

    @Override
    public void notifyNotLeader(java.util.Collection<TransactionContext> pendingEntries) {
        leadership.notLeader();
    }

    @Override
    public void notifyServerShutdown(RoleInfoProto roleInfo, boolean allServer) {
        leadership.notLeader();
    }

    @Override
    public void close() throws IOException {
        leadership.close();
        applied.close(new StoreException(StoreError.Code.UNAVAILABLE, "this manager's Raft peer has shut down"));
        super.close();
    }

    @Override
    public String toString() {
        return JavaUtils.getClassSimpleName(getClass()) + ":" + getId();
    }
}
