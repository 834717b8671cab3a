package dev.shoal.manager.dispatcher;

import dev.shoal.model.Node;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.NodeState;
import dev.shoal.model.NodeStatus;
import dev.shoal.store.CommitResult;
import dev.shoal.store.Proposal;
import dev.shoal.store.Store;
import dev.shoal.store.StoreAction;
import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes registering nodes' READY status (and the description their agent sent) to the store in batches,
 * off the network threads: each flush is one proposal of optimistic node updates, so a thousand agents
 * connecting at once cost a few commits rather than a thousand, and no session's heartbeats wait behind a
 * commit. While one proposal is in flight, new registrations accumulate for the next (as in
 * {@link StatusBatcher}).
 *
 * <p>Each request's callback runs once, on the flusher thread, after its node's write committed (with
 * null) or failed (with the {@link StoreException}: NOT_FOUND for a node not in the store, UNAVAILABLE
 * when the cluster cannot commit, CONFLICT after {@link #MAX_ATTEMPTS} concurrent changes to the node).
 * A node updated concurrently (CONFLICT) is re-read and written again in the next batch. Requests still
 * queued at {@link #close()} are failed there with UNAVAILABLE, on the closing thread; a batch in flight
 * completes normally (the callback must check whether its dispatcher is still open). Thread-safe; one
 * flusher thread.
 */
final class NodeReadyBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeReadyBatcher.class);
    static final int MAX_ATTEMPTS = 6;
    /** Most node writes in one log entry. */
    static final int MAX_BATCH = 2_000;

    private final Store store;
    /** Queued requests by node: a node that registers again before its write is made gets both callbacks. */
    private final Map<String, List<Request>> pending = new LinkedHashMap<>();
    private final Thread flusher;
    private volatile boolean closed;

    /** One registration waiting for its node's write; {@code done} gets null or the failure. */
    record Request(String nodeId, NodeDescription description, String host, Consumer<StoreException> done, int attempt) {
        Request retry() { return new Request(nodeId, description, host, done, attempt + 1); }
    }

    NodeReadyBatcher(Store store) {
        this.store = store;
        this.flusher = new Thread(this::run, "dispatcher-node-ready-batcher");
        this.flusher.setDaemon(true);
    }

    void start() { flusher.start(); }

    /** Queues a write of node {@code nodeId} READY at {@code host} with {@code description} (null: keep the stored one). */
    void add(String nodeId, NodeDescription description, String host, Consumer<StoreException> done) {
        enqueue(List.of(new Request(nodeId, description, host, done, 1)));
    }

    private void enqueue(List<Request> requests) {
        synchronized (pending) {
            if (!closed) {
                for (Request r : requests) pending.computeIfAbsent(r.nodeId(), k -> new ArrayList<>(1)).add(r);
                pending.notifyAll();
                return;
            }
        }
        complete(requests, new StoreException(StoreError.Code.UNAVAILABLE, "this manager stopped leading"));
    }

    private void run() {
        while (!closed) {
            List<List<Request>> batch = new ArrayList<>();
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                var it = pending.values().iterator();
                while (it.hasNext() && batch.size() < MAX_BATCH) {
                    batch.add(it.next());
                    it.remove();
                }
            }
            if (!batch.isEmpty()) flush(batch);
        }
    }

    /** Writes one batch (each element: the requests of one node, newest last). */
    private void flush(List<List<Request>> batch) {
        List<StoreAction> actions = new ArrayList<>(batch.size());
        List<List<Request>> written = new ArrayList<>(batch.size());
        List<List<Request>> unknown = new ArrayList<>();
        store.view(tx -> {
            for (List<Request> forNode : batch) {
                Request newest = forNode.get(forNode.size() - 1);
                Node n = tx.node(newest.nodeId());
                if (n == null) {
                    unknown.add(forNode);
                    continue;
                }
                Node ready = n.withDescription(newest.description() == null ? n.description() : newest.description())
                        .withStatus(new NodeStatus(NodeState.READY, null, newest.host()));
                actions.add(new StoreAction.Update(ready));
                written.add(forNode);
            }
            return null;
        });
        for (List<Request> forNode : unknown) {
            complete(forNode, new StoreException(StoreError.Code.NOT_FOUND, "node " + forNode.get(0).nodeId() + " is not part of this swarm"));
        }
        if (actions.isEmpty()) return;
        CommitResult result;
        try {
            result = store.commitEach(Proposal.each(actions));
        } catch (StoreException e) {
            log.warn("could not mark {} registering nodes ready: {}", actions.size(), e.getMessage());
            for (List<Request> forNode : written) complete(forNode, e);
            return;
        }
        StoreError[] errors = new StoreError[written.size()];
        for (CommitResult.Rejection r : result.rejected()) errors[r.position()] = r.error();
        List<Request> again = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            List<Request> forNode = written.get(i);
            StoreError err = errors[i];
            if (err == null) {
                complete(forNode, null);
            } else if (err.code() == StoreError.Code.CONFLICT && forNode.get(forNode.size() - 1).attempt() < MAX_ATTEMPTS) {
                for (Request r : forNode) again.add(r.retry());
            } else {
                complete(forNode, new StoreException(err));
            }
        }
        if (!again.isEmpty()) enqueue(again);
    }

    private static void complete(List<Request> requests, StoreException outcome) {
        for (Request r : requests) {
            try {
                r.done().accept(outcome);
            } catch (RuntimeException e) {
                log.warn("registration callback for node {} failed", r.nodeId(), e);
            }
        }
    }

    @Override
    public void close() {
        List<List<Request>> dropped;
        synchronized (pending) {
            closed = true;
            dropped = new ArrayList<>(pending.values());
            pending.clear();
            pending.notifyAll();
        }
        flusher.interrupt();
        StoreException gone = new StoreException(StoreError.Code.UNAVAILABLE, "this manager stopped leading");
        for (List<Request> forNode : dropped) complete(forNode, gone);
    }
}
