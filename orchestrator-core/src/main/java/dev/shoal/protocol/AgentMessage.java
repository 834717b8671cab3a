package dev.shoal.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.shoal.model.Config;
import dev.shoal.model.Network;
import dev.shoal.model.NodeDescription;
import dev.shoal.model.Secret;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskStatus;
import java.util.List;
import java.util.Map;

/**
 * The messages of the agent protocol, exchanged as length-prefixed JSON frames over one long-lived
 * session between a node's agent and the leader's dispatcher. The first message of a session is the
 * agent's {@link Register}; the dispatcher answers {@link Registered} (or {@link Redirect} from a
 * follower), then sends the node's full task set and incremental changes as {@link Assignments}.
 *
 * <p>A node that is not yet part of the cluster opens a connection without a certificate and sends
 * one {@link Join}; the manager answers {@link Joined} (its certificate and the managers to talk to)
 * or {@link Refused}, and closes the connection.
 *
 * <p>{@link Assignments} travel as an {@link AssignmentsFrame}, in which each task template is sent once per
 * session ({@link FrameCodec} does the translation at both ends; the rest of the code never sees a frame). A member promoted to manager sends {@link Join}
 * again, over its authenticated connection and without a secret, to get a manager's certificate.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "Type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AgentMessage.Register.class, name = "register"),
        @JsonSubTypes.Type(value = AgentMessage.Heartbeat.class, name = "heartbeat"),
        @JsonSubTypes.Type(value = AgentMessage.HeartbeatAck.class, name = "heartbeat-ack"),
        @JsonSubTypes.Type(value = AgentMessage.StatusBatch.class, name = "status"),
        @JsonSubTypes.Type(value = AgentMessage.Registered.class, name = "registered"),
        @JsonSubTypes.Type(value = AgentMessage.AssignmentsFrame.class, name = "assignments"),
        @JsonSubTypes.Type(value = AgentMessage.Redirect.class, name = "redirect"),
        @JsonSubTypes.Type(value = AgentMessage.Refused.class, name = "refused"),
        @JsonSubTypes.Type(value = AgentMessage.Join.class, name = "join"),
        @JsonSubTypes.Type(value = AgentMessage.Joined.class, name = "joined"),
        @JsonSubTypes.Type(value = AgentMessage.RoleChanged.class, name = "role"),
})
public sealed interface AgentMessage {

    /** Agent → dispatcher: the first message of a session, naming the node and describing its host. */
    record Register(String nodeId, NodeDescription description) implements AgentMessage {}

    /** Agent → dispatcher: the node is alive. Sent every heartbeat period. */
    record Heartbeat() implements AgentMessage {}

    /**
     * Dispatcher → agent: the answer to each {@link Heartbeat}, so the agent can tell a live session from one
     * whose manager went silent (cut off, or no longer leading) without closing the connection: a session
     * that hears nothing for a few heartbeat periods is given up and the agent tries the next manager.
     */
    record HeartbeatAck() implements AgentMessage {}

    /** Agent → dispatcher: observed task states, batched. */
    record StatusBatch(List<TaskStatusUpdate> updates) implements AgentMessage {}

    /** One task's observed status. */
    record TaskStatusUpdate(String taskId, TaskStatus status) {}

    /**
     * Dispatcher → agent: the session is open; heartbeat at this period. {@code managers} are the
     * dispatcher addresses of every manager, for the agent to try when its manager goes away.
     */
    record Registered(String sessionId, long heartbeatPeriodMillis, List<String> managers) implements AgentMessage {
        public Registered {
            managers = managers == null ? List.of() : List.copyOf(managers);
        }
    }

    /**
     * Dispatcher → agent: tasks the node must run (or stop). {@code full} replaces the agent's whole set
     * (tasks absent from it must be removed); otherwise {@code tasks} are added or changed and
     * {@code removed} are ids to forget. {@code networks}, {@code secrets} (with their values) and
     * {@code configs} are those the listed tasks use, so the agent can set up their containers.
     */
    record Assignments(boolean full, List<Task> tasks, List<String> removed, List<Network> networks, List<Secret> secrets,
                       List<Config> configs) implements AgentMessage {
        public Assignments {
            tasks = tasks == null ? List.of() : tasks;
            removed = removed == null ? List.of() : removed;
            networks = networks == null ? List.of() : List.copyOf(networks);
            secrets = secrets == null ? List.of() : List.copyOf(secrets);
            configs = configs == null ? List.of() : List.copyOf(configs);
        }

        /** Assignments of tasks that use no network, secret or config. */
        public Assignments(boolean full, List<Task> tasks, List<String> removed) {
            this(full, tasks, removed, null, null, null);
        }
    }

    /**
     * The wire form of {@link Assignments}, made and read only by {@link FrameCodec}: the tasks are sent without
     * their template ({@code Spec}); {@code templateOf.get(i)} numbers the template of {@code tasks.get(i)}
     * ({@code -1}: the task is sent with its own, or has none). {@code templates} are the templates this frame
     * introduces, by number; later frames of the same session refer to them without sending them again.
     * {@code resetTemplates}: forget every template numbered before this frame (the sender's table was full).
     */
    record AssignmentsFrame(boolean full, List<Task> tasks, List<Integer> templateOf, Map<Integer, TaskSpec> templates,
                            boolean resetTemplates, List<String> removed, List<Network> networks, List<Secret> secrets,
                            List<Config> configs) implements AgentMessage {
        public AssignmentsFrame {
            tasks = tasks == null ? List.of() : tasks;
            templateOf = templateOf == null ? List.of() : templateOf;
            templates = templates == null ? Map.of() : templates;
            removed = removed == null ? List.of() : removed;
            networks = networks == null ? List.of() : networks;
            secrets = secrets == null ? List.of() : secrets;
            configs = configs == null ? List.of() : configs;
        }
    }

    /** Dispatcher → agent: this manager does not lead; connect to {@code leaderAddr} instead. */
    record Redirect(String leaderAddr) implements AgentMessage {}

    /** Dispatcher → agent: the session is refused, with the reason (unknown node, removed node, …). */
    record Refused(String reason) implements AgentMessage {}

    /**
     * New node → any manager: admit me. {@code secret} is the secret part of a join token, or null for
     * a member asking for a manager's certificate after its promotion (it is then known by the
     * certificate it connected with). {@code publicKey} is the node's new public key (X.509
     * SubjectPublicKeyInfo, base64) for the manager to certify; the private key never leaves the node.
     */
    record Join(String secret, String hostname, String advertiseAddr, int dispatcherPort, int raftPort, String publicKey)
            implements AgentMessage {}

    /**
     * Manager → new node: admitted as {@code nodeId} with {@code role}; its certificate and the CA's (PEM);
     * the CA's key (PEM) only for managers, who issue certificates too; the managers as they are now.
     */
    record Joined(String nodeId, String clusterId, String role, String certificate, String caCertificate, String caKey,
                  List<ManagerAddress> managers) implements AgentMessage {
        public Joined {
            managers = managers == null ? List.of() : List.copyOf(managers);
        }
    }

    /** A manager: its node id, the address agents dial and the address Raft peers dial. */
    record ManagerAddress(String nodeId, String addr, String raftAddr) {}

    /** Dispatcher → agent: the node's desired role changed (promote or demote); the daemon acts on it. */
    record RoleChanged(String role) implements AgentMessage {}
}
