package dev.shoal.executor;

/** The labels that mark a container as a Shoal task's; an agent only touches containers carrying its node id. */
public final class Labels {
    private Labels() {}

    public static final String NODE_ID = "dev.shoal.node.id";
    public static final String TASK_ID = "dev.shoal.task.id";
    public static final String SERVICE_ID = "dev.shoal.service.id";
    public static final String SERVICE_NAME = "dev.shoal.service.name";
    public static final String TASK_NAME = "dev.shoal.task.name";
    /** On a local network an agent created for a swarm network: that network's id. */
    public static final String NETWORK_ID = "dev.shoal.network.id";
}
