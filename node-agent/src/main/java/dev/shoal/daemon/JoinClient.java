package dev.shoal.daemon;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.protocol.AgentMessage;
import dev.shoal.protocol.FrameCodec;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;

/**
 * The joining side of the join exchange: dials a manager's cluster port over TLS, sends one
 * {@link AgentMessage.Join} and returns the manager's answer. Failures become {@link JoinException}s
 * whose message says what went wrong in the user's terms (unreachable address, a manager whose CA does
 * not match the token, a refusal and its reason). Not reusable; one exchange per instance.
 */
final class JoinClient {
    private final InetSocketAddress manager;
    private final SslContext tls;
    private final Duration timeout;

    JoinClient(InetSocketAddress manager, SslContext tls, Duration timeout) {
        this.manager = manager;
        this.tls = tls;
        this.timeout = timeout;
    }

    /** A failed join, with a message fit for the user. */
    static final class JoinException extends Exception {
        JoinException(String message, Throwable cause) { super(message, cause); }
    }

    /** Sends {@code join}; returns the {@link AgentMessage.Joined} answer or throws saying why not. */
    AgentMessage.Joined exchange(AgentMessage.Join join) throws JoinException {
        ObjectMapper json = FrameCodec.mapper();
        CompletableFuture<AgentMessage> answer = new CompletableFuture<>();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        String where = manager.getHostString() + ":" + manager.getPort();
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(timeout.toMillis(), 5000))
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc(), manager.getHostString(), manager.getPort()));
                            FrameCodec.install(ch.pipeline(), json);
                            ch.pipeline().addLast(new SimpleChannelInboundHandler<AgentMessage>() {
                                @Override
                                protected void channelRead0(ChannelHandlerContext ctx, AgentMessage msg) {
                                    answer.complete(msg);
                                    ctx.close();
                                }

                                @Override
                                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                    answer.completeExceptionally(cause);
                                    ctx.close();
                                }

                                @Override
                                public void channelInactive(ChannelHandlerContext ctx) {
                                    answer.completeExceptionally(new java.io.IOException("the manager closed the connection"));
                                }
                            });
                        }
                    });
            Channel ch;
            try {
                ch = b.connect(manager).syncUninterruptibly().channel();
            } catch (RuntimeException e) {
                throw new JoinException("cannot reach a manager at " + where + ": " + rootMessage(e), e);
            }
            ch.writeAndFlush(join);
            AgentMessage reply;
            try {
                reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                ch.close();
                throw new JoinException("the manager at " + where + " did not answer within " + timeout.toSeconds() + " s", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof io.netty.handler.codec.DecoderException && c.getCause() instanceof SSLHandshakeException h) c = h;
                if (c instanceof SSLHandshakeException) {
                    throw new JoinException("the manager at " + where + " failed the TLS check: " + rootMessage(c), c);
                }
                throw new JoinException("joining through " + where + " failed: " + rootMessage(c), c);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new JoinException("interrupted while joining", e);
            }
            if (reply instanceof AgentMessage.Joined j) return j;
            if (reply instanceof AgentMessage.Refused r) throw new JoinException(r.reason(), null);
            throw new JoinException("the manager at " + where + " answered the join with " + reply.getClass().getSimpleName(), null);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
