package dev.shoal.executor.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shoal.executor.EngineException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ImagePullsTest {
    private final AtomicLong now = new AtomicLong();
    private final ImagePulls pulls = new ImagePulls(Duration.ofSeconds(30), now::get);

    @Test
    void aFreshImageIsNotPulledAgainButAStaleOneIs() throws Exception {
        AtomicInteger count = new AtomicInteger();
        pulls.ensure("a", i -> count.incrementAndGet());
        pulls.ensure("a", i -> count.incrementAndGet());
        assertEquals(1, count.get());
        now.addAndGet(Duration.ofSeconds(31).toNanos());
        pulls.ensure("a", i -> count.incrementAndGet());
        assertEquals(2, count.get());
    }

    @Test
    void aFailedPullIsNotRememberedAndKeepsTheEnginesMessage() throws Exception {
        AtomicInteger count = new AtomicInteger();
        EngineException e = assertThrows(EngineException.class, () -> pulls.ensure("bad", i -> {
            count.incrementAndGet();
            throw new EngineException("No such image: bad");
        }));
        assertEquals("No such image: bad", e.getMessage());
        pulls.ensure("bad", i -> count.incrementAndGet());
        assertEquals(2, count.get());
    }
}
