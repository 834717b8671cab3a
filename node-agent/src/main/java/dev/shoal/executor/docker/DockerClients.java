package dev.shoal.executor.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;

import java.time.Duration;

/**
 * Builds docker-java clients over the Apache httpclient5 transport. The one place that knows how Shoal
 * talks to an engine's API socket; {@link DockerEngine} and the test fixtures both use it.
 *
 * <p>The clients it returns are thread-safe. No response timeout is set: waits for a container's exit
 * and stops with a long grace are long-lived requests by design.
 */
public final class DockerClients {
    /** The engine address used when neither an explicit host nor {@code DOCKER_HOST} is given. */
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    /**
     * Upper bound of concurrent requests per client. Each {@code awaitExit} holds one connection for
     * the container's lifetime, so this bounds the containers one agent can watch at a time.
     */
    public static final int MAX_CONNECTIONS = 1024;

    private DockerClients() {}

    /**
     * The engine address to use: {@code dockerHost} when not blank, else {@code DOCKER_HOST}, else
     * {@link #DEFAULT_HOST}.
     */
    public static String resolveHost(String dockerHost) {
        if (dockerHost != null && !dockerHost.isBlank()) {
            return dockerHost;
        }
        String env = System.getenv("DOCKER_HOST");
        return env != null && !env.isBlank() ? env : DEFAULT_HOST;
    }

    /**
     * A new client for the engine at {@code dockerHost} (see {@link #resolveHost}). Does not contact the
     * engine; the caller owns the client and must close it.
     */
    public static DockerClient create(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(resolveHost(dockerHost))
                .build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
