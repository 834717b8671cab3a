package dev.shoal.api;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The Netty end of the API: copies each aggregated request off its buffer, runs the
 * {@link Dispatcher} on the worker executor (never on the event loop, since commits block), and
 * writes the answer back. One request per connection is in flight at a time (reads pause until the
 * answer is written), so answers keep request order. Shared by all connections; thread-safe.
 */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    static final String API_VERSION = "1.41";

    private final Dispatcher dispatcher;
    private final Executor workers;

    HttpHandler(Dispatcher dispatcher, Executor workers) {
        this.dispatcher = dispatcher;
        this.workers = workers;
    }

    @Override
    public boolean isSharable() { return true; }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (req.decoderResult().isFailure()) {
            write(ctx, ApiResponse.text(400, "bad request: " + req.decoderResult().cause()), false);
            return;
        }
        String method = req.method().name();
        String uri = req.uri();
        byte[] body = ByteBufUtil.getBytes(req.content());
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> write(ctx, dispatcher.dispatch(method, uri, body), keepAlive));
        } catch (RejectedExecutionException e) {
            write(ctx, new ApiResponse(503, ApiResponse.JSON,
                    "{\"message\":\"the API server is shutting down or overloaded; try again\"}".getBytes(StandardCharsets.UTF_8)), false);
        }
    }

    private static void write(ChannelHandlerContext ctx, ApiResponse r, boolean keepAlive) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()),
                Unpooled.wrappedBuffer(r.body()));
        if (r.contentType() != null) res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        res.headers().set("Api-Version", API_VERSION);
        res.headers().set(HttpHeaderNames.SERVER, "shoald");
        HttpUtil.setContentLength(res, r.body().length);
        HttpUtil.setKeepAlive(res, keepAlive);
        ctx.writeAndFlush(res).addListener((ChannelFutureListener) f -> {
            if (!keepAlive || !f.isSuccess()) {
                f.channel().close();
            } else {
                f.channel().config().setAutoRead(true);
                f.channel().read();
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
