package dev.shoal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.ContainerSpec;
import dev.shoal.model.ServiceAnnotations;
import dev.shoal.model.Task;
import dev.shoal.model.TaskSpec;
import dev.shoal.model.TaskState;
import dev.shoal.model.TaskStatus;
import dev.shoal.model.Version;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent protocol's framing over real Netty pipelines (one channel per end, bytes carried between them):
 * messages arrive as sent, and a task template goes over the wire once per session.
 */
class FrameCodecTest {
    private final EmbeddedChannel sender = channel();
    private final EmbeddedChannel receiver = channel();

    @Test
    void aTemplateIsSentOncePerSessionAndSharedByTheTasksReceived() {
        TaskSpec web = spec("nginx:1.27");
        Task a = task("a", web);
        Task b = task("b", web);
        Task plain = task("plain", null);

        String first = send(new AgentMessage.Assignments(true, List.of(a, plain), List.of()));
        AgentMessage.Assignments got1 = (AgentMessage.Assignments) receive();
        String second = send(new AgentMessage.Assignments(false, List.of(b), List.of("gone")));
        AgentMessage.Assignments got2 = (AgentMessage.Assignments) receive();

        assertTrue(first.contains("nginx:1.27"), first);
        assertFalse(second.contains("nginx:1.27"), "the template went again: " + second);
        assertEquals(List.of(a, plain), got1.tasks());
        assertTrue(got1.full());
        assertEquals(List.of(b), got2.tasks());
        assertEquals(List.of("gone"), got2.removed());
        assertSame(got1.tasks().get(0).spec(), got2.tasks().get(0).spec(), "tasks of one template share it");
    }

    @Test
    void otherMessagesPassUnchanged() {
        AgentMessage.Registered r = new AgentMessage.Registered("s1", 1000, List.of("10.0.0.1:4242"));
        send(r);
        assertEquals(r, receive());
    }

    @Test
    void aNewSessionSendsTheTemplateAgain() {
        TaskSpec web = spec("nginx:1.27");
        send(new AgentMessage.Assignments(true, List.of(task("a", web)), List.of()));
        receive();
        EmbeddedChannel next = channel();
        next.writeOutbound(new AgentMessage.Assignments(true, List.of(task("b", web)), List.of()));
        ByteBuf frame = written(next);
        assertTrue(frame.toString(StandardCharsets.UTF_8).contains("nginx:1.27"));
        frame.release();
    }

    @Test
    void aFullTableStartsAfreshOnBothSides() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i <= SessionTemplates.MAX_TEMPLATES; i++) tasks.add(task("t" + i, spec("image:" + i)));
        send(new AgentMessage.Assignments(true, tasks.subList(0, SessionTemplates.MAX_TEMPLATES), List.of()));
        receive();
        // The table is full: this frame tells the receiver to forget the earlier templates and sends again the
        // ones it uses (under new numbers; numbers are never reused within a session).
        Task last = tasks.get(SessionTemplates.MAX_TEMPLATES);
        Task firstAgain = task("again", tasks.get(0).spec());
        send(new AgentMessage.Assignments(false, List.of(last, firstAgain), List.of()));
        assertEquals(List.of(last, firstAgain), ((AgentMessage.Assignments) receive()).tasks());
        // The receiver did forget them: a frame naming one of the earlier numbers is refused.
        DecoderException e = assertThrows(DecoderException.class, () -> receiver.writeInbound(rawFrame(
                "{\"Type\":\"assignments\",\"Full\":false,\"Tasks\":[{\"ID\":\"x\",\"Slot\":1}],\"TemplateOf\":[1]}")));
        assertTrue(String.valueOf(e.getMessage()).contains("template 1"), e.getMessage());
    }

    @Test
    void aFrameNamingAnUnknownTemplateIsAProtocolError() {
        ByteBuf frame = rawFrame("{\"Type\":\"assignments\",\"Full\":false,\"Tasks\":[{\"ID\":\"x\",\"Slot\":1}],\"TemplateOf\":[7]}");
        DecoderException e = assertThrows(DecoderException.class, () -> receiver.writeInbound(frame));
        assertTrue(String.valueOf(e.getMessage()).contains("template 7"), e.getMessage());
    }

    private String send(AgentMessage m) {
        sender.writeOutbound(m);
        ByteBuf frame = written(sender);
        String text = frame.toString(4, frame.readableBytes() - 4, StandardCharsets.UTF_8);
        receiver.writeInbound(frame);
        return text;
    }

    /** A frame as the wire carries it: the length, then {@code json}. */
    private ByteBuf rawFrame(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return receiver.alloc().buffer().writeInt(body.length).writeBytes(body);
    }

    /** Everything {@code ch} wrote, as one buffer (the length prefix may come as a buffer of its own). */
    private static ByteBuf written(EmbeddedChannel ch) {
        ByteBuf all = ch.alloc().buffer();
        for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
            all.writeBytes(b);
            b.release();
        }
        return all;
    }

    private AgentMessage receive() {
        return receiver.readInbound();
    }

    private static EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        FrameCodec.install(ch.pipeline(), FrameCodec.mapper());
        return ch;
    }

    private static TaskSpec spec(String image) {
        return new TaskSpec(new ContainerSpec(image, null, List.of("sleep", "infinity"), null, null, null, null, null, null),
                null, null, null, null);
    }

    private static Task task(String id, TaskSpec spec) {
        Instant at = Instant.parse("2026-11-27T12:00:00Z");
        return new Task(id, new Version(3), at, at, spec, "svc", new ServiceAnnotations("web"), 1, "node-1",
                TaskStatus.of(at, TaskState.ASSIGNED, "assigned"), TaskState.RUNNING, null);
    }
}
