package dev.shoal.raft;

import dev.shoal.store.StoreError;
import dev.shoal.store.StoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.RaftRetryFailureException;
import org.apache.ratis.protocol.exceptions.StateMachineException;

/**
 * Maps what the Ratis client reports to the store's typed errors: a proposal the state machine
 * refused before logging is {@code INVALID}; everything else (no leader, no quorum, timeouts, a
 * closed peer) is {@code UNAVAILABLE} with a message naming the leader when one is known. A proposal
 * the client gave up on (timeout, or retries exhausted) reads "the cluster did not commit the change in
 * time (…; is a quorum of managers up?)". Stateless.
 */
final class RaftErrors {
    private RaftErrors() {}

    static StoreException toStoreException(Throwable t, Supplier<String> knownLeader) {
        Throwable e = unwrap(t);
        if (e instanceof StoreException se) return se;
        StateMachineException sme = find(e, StateMachineException.class);
        if (sme != null) {
            Throwable cause = sme.getCause() == null ? sme : sme.getCause();
            return new StoreException(StoreError.Code.INVALID, String.valueOf(cause.getMessage()));
        }
        String leader = leaderOf(e, knownLeader);
        String where = leader == null ? "no manager is leader right now" : "the leader is " + leader;
        if (e instanceof TimeoutException || find(e, TimeoutException.class) != null
                || find(e, RaftRetryFailureException.class) != null) {
            return new StoreException(StoreError.Code.UNAVAILABLE,
                    "the cluster did not commit the change in time (" + where + "; is a quorum of managers up?)");
        }
        return new StoreException(StoreError.Code.UNAVAILABLE,
                "the cluster cannot commit changes now: " + where + " (" + describe(e) + ")");
    }

    private static String leaderOf(Throwable e, Supplier<String> knownLeader) {
        NotLeaderException nle = find(e, NotLeaderException.class);
        if (nle != null) {
            RaftPeer suggested = nle.getSuggestedLeader();
            if (suggested != null) return suggested.getId() + " (" + suggested.getAddress() + ")";
        }
        return knownLeader.get();
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) e = e.getCause();
        return e;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) return type.cast(c);
        }
        return null;
    }
}
