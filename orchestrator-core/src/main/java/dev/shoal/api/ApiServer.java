package dev.shoal.api;

import dev.shoal.model.Json;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The control API's HTTP/1.1 server (docs/control-api.md): Netty for the transport, a worker pool
 * for the handlers (store commits block, so they never run on the event loop), JSON in and out
 * in the model's shape, Docker's {@code {"message": ...}} error bodies.
 *
 * <p>Lifecycle: construct, {@link #start()} once, {@link #close()} (idempotent). A failure to bind is
 * reported by {@code start()} and is fatal to the server; a failure in one request only fails that
 * request. Thread-safe.
 */
public final class ApiServer implements AutoCloseable {
    /** Largest request body accepted (larger ones get 413). */
    static final int MAX_BODY = 8 * 1024 * 1024;
    /**
     * Handler threads. A write holds its thread until its proposal is decided, which during an election
     * can take seconds (up to the proposal timeout): with a handful of threads, a few writes sent while the
     * managers elect a leader held them all, and the writes and reads sent after (even {@code node ls})
     * queued behind them (seen in the failover bench, 8 threads, ~15 writes in flight per manager). Idle
     * threads time out, so a large pool costs nothing while the API is quiet.
     */
    private static final int WORKERS = 64;
    private static final int QUEUE = 1024;

    private final InetSocketAddress bind;
    private final LocalNode node;
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private ThreadPoolExecutor workers;
    private Channel channel;
    private boolean started;

    public ApiServer(InetSocketAddress bind, LocalNode node) {
        this.bind = bind;
        this.node = node;
    }

    /**
     * Binds and starts serving. Throws {@link BindException} ("cannot listen on 127.0.0.1:4243:
     * address already in use") or another IOException when it cannot listen; then nothing is left
     * running. May be called once.
     */
    public synchronized void start() throws IOException {
        if (started) throw new IllegalStateException("the API server has already been started");
        started = true;
        workers = new ThreadPoolExecutor(WORKERS, WORKERS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), threads("shoal-api-worker"));
        workers.allowCoreThreadTimeOut(true);
        boss = new MultiThreadIoEventLoopGroup(1, threads("shoal-api-accept"), NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(2, threads("shoal-api-io"), NioIoHandler.newFactory());
        HttpHandler handler = new HttpHandler(new Dispatcher(Json.newMapper(), node), workers);
        try {
            channel = new ServerBootstrap()
                    .group(boss, io)
                    .channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), handler);
                        }
                    })
                    .bind(bind).syncUninterruptibly().channel();
        } catch (Exception e) {
            shutdown();
            String where = address(bind);
            if (e instanceof BindException || String.valueOf(e.getMessage()).toLowerCase().contains("in use")) {
                BindException be = new BindException("cannot listen on " + where + ": address already in use");
                be.initCause(e);
                throw be;
            }
            throw new IOException("cannot listen on " + where + ": " + e.getMessage(), e);
        }
    }

    /** The address the server listens on (with the real port when bound to port 0). */
    public synchronized InetSocketAddress boundAddress() {
        if (channel == null) throw new IllegalStateException("the API server is not listening");
        return (InetSocketAddress) channel.localAddress();
    }

    /** Stops listening, closes connections and waits for in-flight handlers (bounded). Idempotent. */
    @Override
    public synchronized void close() {
        if (channel != null) channel.close().syncUninterruptibly();
        channel = null;
        shutdown();
    }

    private void shutdown() {
        if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (io != null) io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
            } catch (InterruptedException e) {
                workers.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        boss = null;
        io = null;
        workers = null;
    }

    private static String address(InetSocketAddress a) {
        String host = a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
