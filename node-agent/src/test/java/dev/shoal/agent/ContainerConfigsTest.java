package dev.shoal.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shoal.model.GenericResource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerConfigsTest {
    @Test
    void assignedGenericResourcesBecomeDockerResourceVariablesAsInSwarm() {
        List<String> env = ContainerConfigs.env(List.of("A=1"), List.of(GenericResource.named("gpu", "GPU-0"),
                GenericResource.named("gpu", "GPU-2"), GenericResource.discrete("nvidia-ssd", 2)));
        assertEquals(List.of("A=1", "DOCKER_RESOURCE_GPU=GPU-0,GPU-2", "DOCKER_RESOURCE_NVIDIA-SSD=2"), env);
    }

    @Test
    void aTaskWithoutGenericResourcesKeepsItsEnvironmentAsIs() {
        List<String> env = List.of("A=1");
        assertSame(env, ContainerConfigs.env(env, List.of()));
    }
}
