package dev.shoal.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The manager's handle on the cluster store: reads and watches from the local replica, writes through
 * the proposer. Thread-safe.
 */
public final class Store {
    /** How long a blocking commit waits before it reports the cluster unavailable. */
    public static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(20);

    private final MemoryStore memory;
    private final Proposer proposer;

    public Store(MemoryStore memory, Proposer proposer) {
        this.memory = memory;
        this.proposer = proposer;
    }

    /** A store whose writes apply locally at once, for tests and simulations. */
    public static Store local() {
        MemoryStore m = new MemoryStore();
        return new Store(m, new LocalProposer(m));
    }

    /**
     * A handle whose proposals are fenced to Raft term {@code term} (see {@link Proposal#leaderTerm()}):
     * what the leader-only loops of one term write through.
     */
    public Store fencedTo(long term) {
        return new Store(memory, p -> proposer.propose(p.fencedTo(term)));
    }

    public MemoryStore memory() { return memory; }

    public Proposer proposer() { return proposer; }

    public <T> T view(Function<ReadTx, T> fn) { return memory.view(fn); }

    public Subscription watch(Consumer<ReadTx> initial) { return memory.watch(initial); }

    /**
     * Proposes and waits for the commit; throws {@link StoreException} for a refused action (atomic
     * proposals) or an unavailable cluster.
     */
    public CommitResult commit(Proposal p) {
        CommitResult r = commitEach(p);
        return p.atomic() ? r.orThrow() : r;
    }

    /** Proposes and waits for the commit; refusals are returned, not thrown. */
    public CommitResult commitEach(Proposal p) {
        return await(proposer.propose(p));
    }

    /**
     * Proposes every proposal at once (they are logged in order, as separate entries, without waiting for
     * one another's commits) and waits for all; returns each one's result in order, refusals included.
     * Throws {@link StoreException} (UNAVAILABLE) if the cluster cannot commit.
     */
    public List<CommitResult> commitAll(List<Proposal> proposals) {
        List<CompletableFuture<CommitResult>> sent = new ArrayList<>(proposals.size());
        for (Proposal p : proposals) sent.add(proposer.propose(p));
        List<CommitResult> out = new ArrayList<>(proposals.size());
        for (CompletableFuture<CommitResult> f : sent) out.add(await(f));
        return out;
    }

    private static CommitResult await(CompletableFuture<CommitResult> future) {
        try {
            return future.get(COMMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreError.Code.UNAVAILABLE, "interrupted while waiting for the cluster to commit");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) throw se;
            throw new StoreException(StoreError.Code.UNAVAILABLE, "the cluster could not commit the change: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new StoreException(StoreError.Code.UNAVAILABLE,
                    "the cluster did not commit the change within " + COMMIT_TIMEOUT.toSeconds() + " s (is a quorum of managers up?)");
        }
    }
}
