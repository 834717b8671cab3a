package dev.shoal.manager.scheduler;

import dev.shoal.model.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Swarm's decision tree for placement preferences, built once per task group and pass. Each level
 * splits the nodes by the value of one spread descriptor ({@code node.labels.X} or
 * {@code engine.labels.X}; a node without the label goes to the "" branch, its own group); a leaf holds
 * a {@link NodeHeap} of the nodes that passed the static filters. With no preference the tree is a single
 * leaf, the plain least-loaded choice.
 *
 * <p>Placing n tasks under an inner node evens out its branches as SwarmKit does: every branch counts the
 * service's tasks already on its nodes (all of them, eligible or not); each round computes the even share
 * of (tasks already in open branches + tasks still to place), gives each branch below its share the
 * difference (fewest tasks first, the remainder one by one), and closes a branch that could not take what
 * it was given. Unlike SwarmKit, branch counts are kept current as tasks land, so later rounds never
 * over-fill a branch. Deterministic: branches are visited by task count, then by label value. Not
 * thread-safe; lives for one group's placement.
 */
final class SpreadTree {
    private final TreeMap<String, SpreadTree> children;
    private final NodeHeap heap;
    private final String value;
    private int tasks;

    private SpreadTree(String value, boolean leaf, NodeHeap heap) {
        this.value = value;
        this.children = leaf ? null : new TreeMap<>();
        this.heap = heap;
    }

    /**
     * Builds the tree for {@code g}: every node is counted in its branches (its tasks of the service);
     * a node is added to its leaf's heap only when {@code eligible[i]}.
     */
    static SpreadTree build(PassState s, TaskGroup g, int[] serviceCounts, boolean[] eligible) {
        List<String> descriptors = g.spreadDescriptors();
        if (descriptors.isEmpty()) {
            NodeHeap heap = new NodeHeap(s.size(), serviceCounts, s);
            SpreadTree leaf = new SpreadTree("", true, heap);
            for (int i = 0; i < s.size(); i++) {
                leaf.tasks += serviceCounts[i];
                if (eligible[i]) heap.add(i);
            }
            heap.heapify();
            return leaf;
        }
        // first pass: the leaf of each node, counts along the path
        Builder root = new Builder();
        for (int i = 0; i < s.size(); i++) {
            Builder b = root;
            b.tasks += serviceCounts[i];
            for (String d : descriptors) {
                b = b.child(valueOf(s.node(i), d));
                b.tasks += serviceCounts[i];
            }
            if (eligible[i]) b.add(i);
        }
        return root.build("", descriptors.size(), s, serviceCounts);
    }

    /** Places up to {@code n} tasks in this subtree; returns how many it placed. */
    int place(GroupPlacer placer, int n) {
        int placed;
        if (children == null) {
            placed = placer.fill(heap, n);
        } else {
            placed = placeOnBranches(placer, n);
        }
        tasks += placed;
        return placed;
    }

    private int placeOnBranches(GroupPlacer placer, int n) {
        List<SpreadTree> open = new ArrayList<>(children.values());
        int placed = 0;
        while (placed < n && !open.isEmpty() && placer.remaining() > 0) {
            long inOpen = 0;
            for (SpreadTree b : open) inOpen += b.tasks;
            long total = inOpen + (n - placed);
            long share = total / open.size();
            long extra = total % open.size();
            open.sort(Comparator.comparingInt((SpreadTree b) -> b.tasks).thenComparing(b -> b.value));
            List<SpreadTree> full = new ArrayList<>();
            for (SpreadTree b : open) {
                if (placed >= n) break;
                long target = share + (extra > 0 ? 1 : 0);
                if (b.tasks >= target) continue;
                int want = (int) Math.min(target - b.tasks, n - placed);
                int got = b.place(placer, want);
                placed += got;
                if (got < want) {
                    if (placer.remaining() > 0) full.add(b);
                } else if (extra > 0) {
                    extra--;
                }
            }
            if (full.isEmpty() && placer.remaining() == 0) break;
            open.removeAll(full);
        }
        return placed;
    }

    /** The node's value for a descriptor; "" when it lacks the label or the descriptor is not a label. */
    static String valueOf(Node n, String descriptor) {
        String d = descriptor.toLowerCase(Locale.ROOT);
        Map<String, String> labels;
        String key;
        if (d.startsWith("node.labels.")) {
            labels = n.spec().labels();
            key = descriptor.substring("node.labels.".length());
        } else if (d.startsWith("engine.labels.")) {
            labels = n.description() == null || n.description().engine() == null ? Map.of() : n.description().engine().labels();
            key = descriptor.substring("engine.labels.".length());
        } else {
            return "";
        }
        String v = labels == null ? null : labels.get(key);
        return v == null ? "" : v;
    }

    /** The tree while nodes are being sorted into it. */
    private static final class Builder {
        final TreeMap<String, Builder> children = new TreeMap<>();
        int tasks;
        int[] nodes = new int[4];
        int size;

        Builder child(String v) { return children.computeIfAbsent(v, k -> new Builder()); }

        void add(int node) {
            if (size == nodes.length) nodes = Arrays.copyOf(nodes, size * 2);
            nodes[size++] = node;
        }

        SpreadTree build(String value, int depth, PassState s, int[] serviceCounts) {
            if (depth == 0) {
                NodeHeap heap = new NodeHeap(size, serviceCounts, s);
                for (int i = 0; i < size; i++) heap.add(nodes[i]);
                heap.heapify();
                SpreadTree leaf = new SpreadTree(value, true, heap);
                leaf.tasks = tasks;
                return leaf;
            }
            SpreadTree t = new SpreadTree(value, false, null);
            t.tasks = tasks;
            for (Map.Entry<String, Builder> e : children.entrySet()) t.children.put(e.getKey(), e.getValue().build(e.getKey(), depth - 1, s, serviceCounts));
            return t;
        }
    }
}
