package dev.shoal.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Used heap after full collections, for per-task heap figures. Stateless. */
final class HeapMeter {
    private HeapMeter() {}

    /** Bytes of heap in use after a few {@code System.gc()} calls (until the figure settles). */
    static long usedAfterGc() {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(100); // let reference processing and finalization catch up between collections
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            long used = mx.getHeapMemoryUsage().getUsed();
            if (i >= 2 && Math.abs(last - used) < (1L << 20)) return used;
            last = used;
        }
        return mx.getHeapMemoryUsage().getUsed();
    }
}
