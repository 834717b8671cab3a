package dev.shoal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerStatus;
import dev.shoal.model.StoreObject;
import dev.shoal.model.Task;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The log-entry format: round trips, and entries as earlier releases wrote them. */
class ProposalCodecTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private final ProposalCodec codec = new ProposalCodec();

    @Test
    void everyActionSurvivesTheCodecWithItsTerm() {
        Proposal p = new Proposal(List.of(new StoreAction.Create(MemoryStoreTest.service("s1", "web")),
                new StoreAction.Update(MemoryStoreTest.task("t1", "s1", "n1", TaskState.RUNNING)),
                new StoreAction.Delete(StoreObject.Kind.SERVICE, "s1"),
                new StoreAction.UpdateTaskStatus("t1", new TaskStatus(T0, TaskState.FAILED, "boom", "exit 1", null)),
                new StoreAction.AssignTask("t2", "n1", TaskStatus.of(T0, TaskState.ASSIGNED, "scheduler assigned task to node"))),
                false, 7);
        assertEquals(p, codec.decode(codec.encode(p)));
        Proposal atomic = Proposal.atomic(new StoreAction.Delete(StoreObject.Kind.TASK, "t1"));
        assertEquals(atomic, codec.decode(codec.encode(atomic)));
    }

    @Test
    void anAssignmentIsAFewDozenBytesOfReadableJson() {
        String json = new String(codec.encode(Proposal.each(List.of(new StoreAction.AssignTask("t2", "n1",
                TaskStatus.of(T0, TaskState.ASSIGNED, "scheduler assigned task to node"))))), StandardCharsets.UTF_8);
        assertEquals("{\"Atomic\":false,\"Actions\":[{\"Op\":\"assign\",\"ID\":\"t2\",\"Node\":\"n1\",\"Status\":"
                + "{\"Timestamp\":\"2026-01-01T00:00:00Z\",\"State\":\"assigned\",\"Message\":\"scheduler assigned task to node\"}}]}", json);
    }

    @Test
    void entriesWrittenByEarlierReleasesStillDecode() {
        // As the tree-based encoder wrote them (with a container status), without Atomic (the first
        // release), and with fields in another order (valid JSON any writer may produce).
        String old = "{\"Atomic\":false,\"LeaderTerm\":3,\"Actions\":["
                + "{\"Op\":\"update\",\"Kind\":\"TASK\",\"Object\":{\"ID\":\"t1\",\"Version\":{\"Index\":4},\"CreatedAt\":\"2026-01-01T00:00:00Z\","
                + "\"UpdatedAt\":\"2026-01-01T00:00:00Z\",\"ServiceID\":\"s1\",\"ServiceAnnotations\":{\"Name\":\"web\"},\"Slot\":1,"
                + "\"NodeID\":\"n1\",\"Status\":{\"Timestamp\":\"2026-01-01T00:00:00Z\",\"State\":\"assigned\",\"Message\":\"x\"},"
                + "\"DesiredState\":\"running\"}},"
                + "{\"Op\":\"status\",\"ID\":\"t1\",\"Status\":{\"Timestamp\":\"2026-01-01T00:00:00Z\",\"State\":\"running\","
                + "\"Message\":\"started\",\"ContainerStatus\":{\"ContainerID\":\"c1\",\"PID\":12,\"ExitCode\":0}}},"
                + "{\"Op\":\"delete\",\"Kind\":\"NODE\",\"ID\":\"n9\"}]}";
        Proposal p = codec.decode(old.getBytes(StandardCharsets.UTF_8));
        assertFalse(p.atomic());
        assertEquals(3, p.leaderTerm());
        Task t = (Task) ((StoreAction.Update) p.actions().get(0)).object();
        assertEquals("n1", t.nodeId());
        assertEquals(4, t.version().index());
        assertEquals(TaskState.RUNNING, t.desiredState());
        TaskStatus s = ((StoreAction.UpdateTaskStatus) p.actions().get(1)).status();
        assertEquals(TaskState.RUNNING, s.state());
        assertEquals(new StoreAction.Delete(StoreObject.Kind.NODE, "n9"), p.actions().get(2));

        Proposal first = codec.decode("{\"Actions\":[{\"Op\":\"delete\",\"Kind\":\"TASK\",\"ID\":\"t\"}]}".getBytes(StandardCharsets.UTF_8));
        assertTrue(first.atomic());
        assertEquals(0, first.leaderTerm());

        Proposal reordered = codec.decode(("{\"Actions\":[{\"Object\":{\"ID\":\"t1\",\"ServiceID\":\"s1\",\"Slot\":2,\"Extra\":[1,{\"a\":2}]},"
                + "\"Future\":{\"x\":[1]},\"Kind\":\"TASK\",\"Op\":\"create\"}],\"Atomic\":false}").getBytes(StandardCharsets.UTF_8));
        Task created = (Task) ((StoreAction.Create) reordered.actions().get(0)).object();
        assertEquals(2, created.slot());
        assertFalse(reordered.atomic());
    }

    @Test
    void unknownActionsAndBrokenEntriesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> codec.decode("{\"Actions\":[{\"Op\":\"frobnicate\",\"ID\":\"t\"}]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalArgumentException.class,
                () -> codec.decode("{\"Actions\":[{\"Op\":\"create\",\"Kind\":\"WIDGET\",\"Object\":{}}]}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(RuntimeException.class, () -> codec.decode("{\"Actions\":[{\"Op\":".getBytes(StandardCharsets.UTF_8)));
        assertThrows(RuntimeException.class, () -> codec.decode("[]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void containerStatusesSurvive() {
        Proposal p = Proposal.each(List.of(new StoreAction.UpdateTaskStatus("t1",
                new TaskStatus(T0, TaskState.COMPLETE, "finished", null, new ContainerStatus("c1", 12, 0)))));
        assertEquals(p, codec.decode(codec.encode(p)));
    }

    @Test
    void aTemplateSharedByTasksOfOneEntryIsWrittenOnceAndSharedAgainWhenRead() {
        dev.shoal.model.Service svc = MemoryStoreTest.service("s1", "web");
        dev.shoal.model.TaskSpec spec = svc.spec().taskTemplate();
        Task a = new Task("a", dev.shoal.model.Version.NONE, T0, T0, spec, "s1", new dev.shoal.model.ServiceAnnotations("web"), 1, null,
                TaskStatus.of(T0, TaskState.PENDING, "pending task scheduling"), TaskState.RUNNING, null);
        Task b = new Task("b", dev.shoal.model.Version.NONE, T0, T0, spec, "s1", new dev.shoal.model.ServiceAnnotations("web"), 2, null,
                TaskStatus.of(T0, TaskState.PENDING, "pending task scheduling"), TaskState.RUNNING, null);
        Task other = b.withSpec(new dev.shoal.model.TaskSpec(spec.containerSpec(), null, null, null, 7L));
        Proposal p = Proposal.each(List.of(new StoreAction.Create(a), new StoreAction.Delete(StoreObject.Kind.NODE, "n"),
                new StoreAction.Create(b), new StoreAction.Update(other)));
        byte[] bytes = codec.encode(p);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertEquals(2, json.split("\"ContainerSpec\"", -1).length - 1, "the shared template once, the other one in full: " + json);
        assertTrue(json.contains("\"SpecOf\":0"), json);
        Proposal back = codec.decode(bytes);
        assertEquals(p, back);
        Task a2 = (Task) ((StoreAction.Create) back.actions().get(0)).object();
        Task b2 = (Task) ((StoreAction.Create) back.actions().get(2)).object();
        org.junit.jupiter.api.Assertions.assertSame(a2.spec(), b2.spec());
        assertThrows(IllegalArgumentException.class, () -> codec.decode(
                "{\"Actions\":[{\"Op\":\"create\",\"Kind\":\"TASK\",\"SpecOf\":0,\"Object\":{\"ID\":\"t\"}}]}".getBytes(StandardCharsets.UTF_8)));
    }
}
