package dev.shoal.manager.dispatcher;

import dev.shoal.protocol.AgentMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An agent's session as the dispatcher sees it, for tests: it records what it was sent until it is closed. */
final class RecordingAgentSession implements AgentSession {
    final List<AgentMessage> sent = new CopyOnWriteArrayList<>();
    volatile boolean open = true;

    @Override public void send(AgentMessage m) { if (open) sent.add(m); }
    @Override public void close() { open = false; }
    @Override public boolean isOpen() { return open; }
    @Override public String remoteAddress() { return "/10.0.0.9:40000"; }

    /** Whether the dispatcher answered this session's registration. */
    boolean registered() { return sent.stream().anyMatch(m -> m instanceof AgentMessage.Registered); }
}
