package dev.shoal.protocol;

import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One session's task templates, so that each is sent once per session instead of once per task: the
 * sending side numbers the templates it has sent ({@link #frame}), the receiving side keeps what it was
 * sent ({@link #resolve}). A template is a task's {@code TaskSpec}; every task of a service version shares
 * one instance in the store, so the sender recognises a template by identity (an equal copy is merely sent
 * once more under a new number). At 10,000 nodes the tasks' JSON, half of it the template, was the largest
 * cost of the agent protocol at both ends.
 *
 * <p>The sender's table is bounded: when it holds {@link #MAX_TEMPLATES} templates it starts afresh and tells
 * the receiver to do the same. A frame naming a template the receiver does not know is a protocol error
 * ({@link DecoderException}): the session is closed, and the next one starts with empty tables and a full
 * task set. Not thread-safe: one instance per channel, used on its event loop (as Netty calls codecs).
 */
final class SessionTemplates {
    /** Templates one session's sender keeps numbered before starting afresh. */
    static final int MAX_TEMPLATES = 1024;

    private final Map<TaskSpec, Integer> sent = new IdentityHashMap<>();
    private final Map<Integer, TaskSpec> received = new HashMap<>();
    private int next;

    /** The wire form of {@code a}: templates this session has not sent yet go along, the tasks carry numbers. */
    AgentMessage.AssignmentsFrame frame(AgentMessage.Assignments a) {
        boolean reset = false;
        if (sent.size() >= MAX_TEMPLATES) {
            sent.clear();
            reset = true;
        }
        List<Task> tasks = new ArrayList<>(a.tasks().size());
        List<Integer> refs = new ArrayList<>(a.tasks().size());
        Map<Integer, TaskSpec> introduced = new HashMap<>();
        for (Task t : a.tasks()) {
            TaskSpec spec = t.spec();
            if (spec == null) {
                tasks.add(t);
                refs.add(-1);
                continue;
            }
            Integer n = sent.get(spec);
            if (n == null) {
                n = next++;
                sent.put(spec, n);
                introduced.put(n, spec);
            }
            tasks.add(t.withSpec(null));
            refs.add(n);
        }
        return new AgentMessage.AssignmentsFrame(a.full(), tasks, refs, introduced, reset, a.removed(), a.networks(),
                a.secrets(), a.configs());
    }

    /** The assignments {@code f} stands for, each task with its template; throws if it names an unknown one. */
    AgentMessage.Assignments resolve(AgentMessage.AssignmentsFrame f) {
        if (f.resetTemplates()) received.clear();
        received.putAll(f.templates());
        List<Task> tasks = f.tasks();
        if (f.templateOf().size() != tasks.size()) {
            throw new DecoderException("assignments frame with " + tasks.size() + " tasks and " + f.templateOf().size() + " template numbers");
        }
        List<Task> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            int n = f.templateOf().get(i);
            Task t = tasks.get(i);
            if (n < 0) {
                out.add(t);
                continue;
            }
            TaskSpec spec = received.get(n);
            if (spec == null) throw new DecoderException("task " + t.id() + " names template " + n + ", which this session was never sent");
            out.add(t.withSpec(spec));
        }
        return new AgentMessage.Assignments(f.full(), out, f.removed(), f.networks(), f.secrets(), f.configs());
    }
}
