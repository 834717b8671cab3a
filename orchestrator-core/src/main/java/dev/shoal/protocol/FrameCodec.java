package dev.shoal.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.shoal.model.Json;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.MessageToMessageCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The agent protocol's framing: a 4-byte big-endian length, then a JSON {@link AgentMessage}. Install
 * with {@link #install}; instances are per-channel, and hold the session's task templates
 * ({@link SessionTemplates}): {@link AgentMessage.Assignments} go out as {@link AgentMessage.AssignmentsFrame}
 * and come back in as assignments, so only this class knows of frames.
 */
public final class FrameCodec extends MessageToMessageCodec<ByteBuf, AgentMessage> {
    /** Frames above this size are refused: 64 MiB holds a full assignment set of about 50,000 tasks. */
    public static final int MAX_FRAME = 64 * 1024 * 1024;

    // Bound once per channel: resolving AgentMessage's type and building a serializer provider per frame
    // showed in the leader's profile with 10,000 agents heartbeating.
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final SessionTemplates templates = new SessionTemplates();

    public FrameCodec(ObjectMapper json) {
        this.reader = json.readerFor(AgentMessage.class);
        this.writer = json.writerFor(AgentMessage.class);
    }

    /** Adds framing and JSON coding to a pipeline (after TLS, if any). */
    public static void install(ChannelPipeline p, ObjectMapper json) {
        p.addLast("frame-decoder", new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4));
        p.addLast("frame-prepender", new LengthFieldPrepender(4));
        p.addLast("agent-json", new FrameCodec(json));
    }

    /** A mapper for the protocol. */
    public static ObjectMapper mapper() { return Json.newMapper(); }

    @Override
    protected void encode(ChannelHandlerContext ctx, AgentMessage msg, List<Object> out) throws IOException {
        ByteBuf buf = ctx.alloc().buffer();
        try (OutputStream os = new ByteBufOutputStream(buf)) {
            writer.writeValue(os, msg instanceof AgentMessage.Assignments a ? templates.frame(a) : msg);
        }
        out.add(buf);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) throws IOException {
        try (InputStream is = new ByteBufInputStream(msg)) {
            AgentMessage m = reader.readValue(is);
            out.add(m instanceof AgentMessage.AssignmentsFrame f ? templates.resolve(f) : m);
        }
    }
}
