package dev.shoal.manager.loop;

import static dev.shoal.testutil.Fixtures.node;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.Node;
import dev.shoal.store.ReadTx;
import dev.shoal.store.Store;
import dev.shoal.store.StoreEvent;
import dev.shoal.testutil.Fixtures;
import dev.shoal.testutil.MutableClock;
import dev.shoal.testutil.Wait;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ControlLoopTest {
    private final Store store = Store.local();

    /** Records what the loop hands it; its pass can be made to fail. */
    private static final class Probe extends ControlLoop {
        final AtomicInteger resyncs = new AtomicInteger();
        final AtomicInteger passesWithWork = new AtomicInteger();
        final List<String> seen = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        volatile boolean fail;

        Probe(Store store) { super("probe", store, new MutableClock(), Duration.ofMillis(20)); }

        @Override protected void resync(ReadTx tx) {
            resyncs.incrementAndGet();
            for (Node n : tx.nodes()) pending.add(n.id());
        }

        @Override protected void onEvent(StoreEvent e) {
            if (e instanceof StoreEvent.Created c) pending.add(c.object().id());
        }

        @Override protected void act() {
            if (pending.isEmpty()) return;
            if (fail) throw new IllegalStateException("boom");
            synchronized (seen) {
                seen.addAll(pending);
            }
            pending.clear();
            passesWithWork.incrementAndGet();
        }

        List<String> seen() {
            synchronized (seen) {
                return List.copyOf(seen);
            }
        }
    }

    @Test
    void readsThenFoldsABatchOfCommitsIntoOnePass() {
        Fixtures.seed(store, node("a"));
        Probe p = new Probe(store);
        p.runOnce();
        assertEquals(List.of("a"), p.seen());
        Fixtures.seed(store, node("b"));
        Fixtures.seed(store, node("c"));
        p.runOnce();
        assertEquals(List.of("a", "b", "c"), p.seen());
        assertEquals(2, p.passesWithWork.get(), "two commits, one pass");
    }

    @Test
    void resetRereadsEverything() {
        Fixtures.seed(store, node("a"));
        Probe p = new Probe(store);
        p.runOnce();
        store.memory().restore(store.memory().snapshot());
        p.runOnce();
        assertEquals(2, p.resyncs.get());
        assertEquals(List.of("a", "a"), p.seen());
    }

    @Test
    void survivesFailingPassesAndStopsPromptly() {
        Probe p = new Probe(store);
        p.fail = true;
        p.start();
        Fixtures.seed(store, node("a"));
        Wait.until("loop re-read after the failed pass", () -> p.resyncs.get() >= 2);
        p.fail = false;
        Wait.until("work done after the retry", () -> p.seen().contains("a"));
        Fixtures.seed(store, node("b"));
        Wait.until("later events still handled", () -> p.seen().contains("b"));
        p.close();
        assertTrue(p.isClosed());
        Fixtures.seed(store, node("c"));
        assertFalse(p.seen().contains("c"));
        assertThrows(IllegalStateException.class, p::start);
    }
}
