package dev.shoal.executor.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.GenericResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The daemon's advertised generic resources, read from /info as the engine returns them. */
class EngineGenericResourcesTest {

    @Test
    void readsDiscreteAndNamedResourcesAsTheEngineSpellsThem() throws Exception {
        // what dockerd 20.10 answers with --node-generic-resource gpu=2 --node-generic-resource fpga=FPGA-0a1b
        String info = "{\"GenericResources\":[{\"DiscreteResourceSpec\":{\"Kind\":\"gpu\",\"Value\":2}},"
                + "{\"NamedResourceSpec\":{\"Kind\":\"fpga\",\"Value\":\"FPGA-0a1b\"}}]}";
        Object raw = new ObjectMapper().readValue(info, Map.class).get("GenericResources");
        assertEquals(List.of(GenericResource.discrete("gpu", 2), GenericResource.named("fpga", "FPGA-0a1b")),
                EngineGenericResources.parse(raw));
    }

    @Test
    void noneAdvertisedOrUnreadableEntriesOfferNothing() {
        assertEquals(List.of(), EngineGenericResources.parse(null));
        assertEquals(List.of(), EngineGenericResources.parse("gpu=2"));
        assertEquals(List.of(GenericResource.discrete("gpu", 1)), EngineGenericResources.parse(List.of(
                Map.of("DiscreteResourceSpec", Map.of("Kind", "gpu", "Value", 1)),
                Map.of("DiscreteResourceSpec", Map.of("Kind", "gpu", "Value", "two")),
                Map.of("SomethingElse", Map.of()))));
    }
}
