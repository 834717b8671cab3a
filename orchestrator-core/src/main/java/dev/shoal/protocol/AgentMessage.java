package dev.shoal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.Task;
import dev.shoal.model.TaskStatus;
import java.util.List;

/**
 * The messages of the agent protocol, exchanged as length-prefixed JSON frames over one long-lived
 * session between a node's agent and the leader's dispatcher. The first message of a session is the
 * agent's {@link Register}; the dispatcher answers {@link Registered} (or {@link Redirect} from a
 * follower), then sends the node's full task set and incremental changes as {@link Assignments}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "Type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentMessage.Register.class, name = "register"),
        @JsonSubTypes.Type(value = AgentMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = AgentMessage.StatusBatch.class, name = "status"),
        @JsonSubTypes.Type(value = AgentMessage.Registered.class, name = "registered"),
        @JsonSubTypes.Type(value = AgentMessage.Assignments.class, name = "assignments"),
        @JsonSubTypes.Type(value = AgentMessage.Redirect.class, name = "redirect"),
        @JsonSubTypes.Type(value = AgentMessage.Refused.class, name = "refused"),
})
public sealed interface AgentMessage {

    /** Agent → dispatcher: the first message of a session, naming the node and describing its host. */
    record Register(String nodeId, NodeDescription description) implements AgentMessage {}

    /** Agent → dispatcher: the node is alive. Sent every heartbeat period. */
    record Heartbeat() implements AgentMessage {}

    /** Agent → dispatcher: observed task states, batched. */
    record StatusBatch(List<TaskStatusUpdate> updates) implements AgentMessage {}

    /** One task's observed status. */
    record TaskStatusUpdate(String taskId, TaskStatus status) {}

    /** Dispatcher → agent: the session is open; heartbeat at this period. */
    record Registered(String sessionId, long heartbeatPeriodMillis) implements AgentMessage {}

    /**
     * Dispatcher → agent: tasks the node must run (or stop). {@code full} replaces the agent's whole set
     * (tasks absent from it must be removed); otherwise {@code tasks} are added or changed and
     * {@code removed} are ids to forget.
     */
    record Assignments(boolean full, List<Task> tasks, List<String> removed) implements AgentMessage {}

    /** Dispatcher → agent: this manager does not lead; connect to {@code leaderAddr} instead. */
    record Redirect(String leaderAddr) implements AgentMessage {}

    /** Dispatcher → agent: the session is refused, with the reason (unknown node, removed node, …). */
    record Refused(String reason) implements AgentMessage {}
}
