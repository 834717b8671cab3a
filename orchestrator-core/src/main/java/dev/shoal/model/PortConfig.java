package dev.shoal.model;

/** A published port: target (in the container), published (on the node or ingress), protocol and mode. */
public record PortConfig(String name, String protocol, int targetPort, int publishedPort, String publishMode) {
    public PortConfig {
        protocol = protocol == null ? "tcp" : protocol;
        publishMode = publishMode == null ? "ingress" : publishMode;
    }

    /** Docker's table form: {@code *:8080->80/tcp}. */
    public String display() { return "*:" + publishedPort + "->" + targetPort + "/" + protocol; }
}
