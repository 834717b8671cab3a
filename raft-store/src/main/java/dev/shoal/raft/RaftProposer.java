package dev.shoal.raft;

import dev.shoal.store.CommitResult;
import dev.shoal.store.Proposal;
import dev.shoal.store.ProposalCodec;
import dev.shoal.store.Proposer;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * The Raft write path: each proposal becomes exactly one log entry, sent with the Ratis client's
 * ordered async API (the client finds the leader and follows leader changes). The returned future
 * completes with the decoded {@link CommitResult} once the entry is committed <em>and</em> applied
 * to this manager's own store, so a caller can read its write locally right after.
 *
 * <p>Failures complete the future with a {@link StoreException}: {@code INVALID} for a proposal the
 * state machine cannot decode, {@code UNAVAILABLE} for no leader, no quorum, a timeout or a closed
 * node; {@code INVALID} also for a proposal larger than {@link RaftSettings#maxEntrySize()}. The
 * client stops retrying a proposal {@link RaftSettings#proposalTimeout()} after it was made (its
 * retry policy is bounded in time, not in attempts), so once {@code UNAVAILABLE} is reported only an
 * attempt already on the wire (at most one request timeout) can still commit it: a write refused by
 * a manager cut off from the quorum is not replayed when the partition heals. Callers re-read before
 * retrying. Nothing is fatal to the proposer itself: a client whose ordered stream Ratis closed after
 * such a failure is replaced, and so is the client whenever this manager learns of a new leader, so that
 * proposals go to it first ({@link RenewableClient}). Thread-safe; proposals from one proposer are logged
 * in call order between such replacements.
 */
public final class RaftProposer implements Proposer {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RaftProposer.class);

    private final RenewableClient client;
    private final ProposalCodec codec;
    private final ShoalStateMachine stateMachine;
    private final Duration timeout;
    private final int maxEntrySize;
    private final Supplier<String> knownLeader;

    RaftProposer(RenewableClient client, ProposalCodec codec, ShoalStateMachine stateMachine, RaftSettings settings,
                 Supplier<String> knownLeader) {
        this.client = Objects.requireNonNull(client);
        this.codec = Objects.requireNonNull(codec);
        this.stateMachine = Objects.requireNonNull(stateMachine);
        // A safety net only: the client's retry policy gives up after proposalTimeout; one request timeout more
        // lets its last attempt end first, so the error reported is the client's.
        this.timeout = settings.proposalTimeout().plus(settings.requestTimeout()).plusSeconds(1);
        this.maxEntrySize = settings.maxEntrySize();
        this.knownLeader = Objects.requireNonNull(knownLeader);
    }

    @Override
    public CompletableFuture<CommitResult> propose(Proposal proposal) {
        CompletableFuture<RaftClientReply> sent;
        RaftClient via = client.get();
        try {
            byte[] entry = codec.encode(proposal);
            if (entry.length > maxEntrySize) {
                return CompletableFuture.failedFuture(new StoreException(StoreError.Code.INVALID, "the change is too large ("
                        + entry.length + " bytes, " + proposal.actions().size() + " actions; the limit is " + maxEntrySize
                        + " bytes): split it into smaller batches"));
            }
            sent = via.async().send(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)));
        } catch (RuntimeException e) {
            client.renewAfter(via, e);
            return CompletableFuture.failedFuture(RaftErrors.toStoreException(e, knownLeader));
        }
        long started = log.isDebugEnabled() ? System.nanoTime() : 0;
        return sent
                .whenComplete((reply, err) -> {
                    if (err != null) client.renewAfter(via, err);
                    if (started != 0) {
                        log.debug("proposal through {} answered after {} ms: {}", via.getId(), (System.nanoTime() - started) / 1_000_000,
                                err != null ? err.toString() : reply.isSuccess() ? "index " + reply.getLogIndex() : String.valueOf(reply.getException()));
                    }
                })
                .thenApply(this::resultOf)
                .thenCompose(r -> stateMachine.whenApplied(r.index()).thenApply(applied -> r))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((r, err) -> {
                    if (err != null) throw RaftErrors.toStoreException(err, knownLeader);
                    return r;
                });
    }

    private CommitResult resultOf(RaftClientReply reply) {
        if (!reply.isSuccess() || reply.getException() != null) {
            throw RaftErrors.toStoreException(reply.getException() == null
                    ? new IllegalStateException("the leader refused the proposal") : reply.getException(), knownLeader);
        }
        return codec.decodeResult(reply.getMessage().getContent().toByteArray());
    }
}
