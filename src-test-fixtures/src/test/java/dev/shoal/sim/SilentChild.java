package dev.shoal.sim;

/** A child JVM that never answers its parent: it sleeps in main until it is killed (for {@link SimChildTest}). */
public final class SilentChild {
    private SilentChild() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE);
    }
}
