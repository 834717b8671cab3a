package dev.shoal.agent.ingress;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two ends of one proxied connection. The accepted (front) channel does not read until a backend has
 * connected; after that each side reads its next chunk only once the previous one has been written to the
 * other side, so a slow reader slows the writer down (backpressure) instead of buffering. A backend that
 * refuses is skipped for the next one of the route, in round-robin order; when none connects the front
 * channel is closed. A half-close (FIN) is passed on as a half-close; a full close, reset or error closes
 * both sides. Both channels run on the same event loop, so no handler state needs locking.
 */
final class Relay {
    private static final Logger log = LoggerFactory.getLogger(Relay.class);

    private Relay() {}

    /** The handler of an accepted connection on {@code listener}'s port. */
    static final class Front extends ChannelInboundHandlerAdapter {
        private final PortListener listener;
        private final int connectTimeoutMillis;
        private Channel back;

        Front(PortListener listener, int connectTimeoutMillis) {
            this.listener = listener;
            this.connectTimeoutMillis = connectTimeoutMillis;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            List<InetSocketAddress> backends = listener.pick();
            if (backends.isEmpty()) {
                log.debug("ingress port {}: no running task of {} here, closing the connection", listener.port,
                        listener.route().service());
                ctx.close();
                return;
            }
            connect(ctx.channel(), backends, 0);
        }

        private void connect(Channel front, List<InetSocketAddress> backends, int attempt) {
            InetSocketAddress target = backends.get(attempt);
            ChannelFuture f = new Bootstrap()
                    .group(front.eventLoop())
                    .channel(NioSocketChannel.class)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                    .handler(new Back(front))
                    .connect(target);
            back = f.channel();
            f.addListener((ChannelFutureListener) done -> {
                if (done.isSuccess()) {
                    if (front.isActive()) {
                        front.read();
                    } else {
                        done.channel().close();
                    }
                } else if (attempt + 1 < backends.size() && front.isActive()) {
                    log.debug("ingress port {}: backend {} of {} failed ({}), trying the next", listener.port, target,
                            listener.route().service(), done.cause().toString());
                    connect(front, backends, attempt + 1);
                } else {
                    log.debug("ingress port {}: no backend of {} accepted the connection (last: {}: {})", listener.port,
                            listener.route().service(), target, done.cause().toString());
                    front.close();
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            forward(msg, ctx.channel(), back);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) inputShutdown(ctx.channel(), back);
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (back != null) closeOnFlush(back);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("ingress port {}: client connection failed: {}", listener.port, cause.toString());
            ctx.close();
        }
    }

    /** The handler of the connection to the chosen backend. */
    static final class Back extends ChannelInboundHandlerAdapter {
        private final Channel front;

        Back(Channel front) { this.front = front; }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            forward(msg, ctx.channel(), front);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) inputShutdown(ctx.channel(), front);
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeOnFlush(front);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("ingress backend connection failed: {}", cause.toString());
            ctx.close();
        }
    }

    /** Writes {@code msg} to {@code to}; reads the next chunk from {@code from} once it is written. */
    private static void forward(Object msg, Channel from, Channel to) {
        to.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                from.read();
            } else {
                f.channel().close();
                from.close();
            }
        });
    }

    /** {@code from} got a FIN: pass it on to {@code to}; once both directions are shut, close. */
    private static void inputShutdown(Channel from, Channel to) {
        if (to == null || !to.isActive()) {
            from.close();
            return;
        }
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener((ChannelFutureListener) f -> {
            DuplexChannel d = (DuplexChannel) to;
            d.shutdownOutput().addListener(x -> {
                if (d.isInputShutdown()) to.close();
            });
        });
        if (((DuplexChannel) from).isOutputShutdown()) from.close();
    }

    /** Closes {@code ch} once what was written to it has been flushed. */
    private static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
