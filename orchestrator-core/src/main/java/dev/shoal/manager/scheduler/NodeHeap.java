package dev.shoal.manager.scheduler;

/**
 * A binary min-heap of node positions ordered as Swarm prefers them for one group: fewest tasks of the
 * service, then fewest tasks in total, then position (node id order). Only the top node's keys change
 * during a pass, so after an assignment one sift-down restores order. Not thread-safe.
 */
final class NodeHeap {
    private final int[] heap;
    private final int[] service;
    private final PassState state;
    private int size;

    NodeHeap(int capacity, int[] serviceCounts, PassState s) {
        this.heap = new int[capacity];
        this.service = serviceCounts;
        this.state = s;
    }

    void add(int node) { heap[size++] = node; }

    /** Orders the nodes added so far; call once after the adds. */
    void heapify() { for (int i = size / 2 - 1; i >= 0; i--) siftDown(i); }

    boolean isEmpty() { return size == 0; }

    int peek() { return heap[0]; }

    void removeTop() {
        heap[0] = heap[--size];
        if (size > 0) siftDown(0);
    }

    /** The top node's keys grew: move it down to its place. */
    void topIncreased() { siftDown(0); }

    private boolean less(int a, int b) {
        if (service[a] != service[b]) return service[a] < service[b];
        int ta = state.totalTasks(a);
        int tb = state.totalTasks(b);
        if (ta != tb) return ta < tb;
        return a < b;
    }

    private void siftDown(int i) {
        int x = heap[i];
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) break;
            int r = l + 1;
            int c = r < size && less(heap[r], heap[l]) ? r : l;
            if (!less(heap[c], x)) break;
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = x;
    }
}
