package dev.shoal.executor.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.shoal.executor.EngineException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pure parts of the docker executor: image references and engine error messages. */
class ImageRefAndErrorsTest {

    @Test
    void imageReferences() {
        assertEquals(new ImageRef("redis", "latest"), ImageRef.parse("redis"));
        assertEquals(new ImageRef("redis", "7"), ImageRef.parse("redis:7"));
        assertEquals(new ImageRef("registry:5000/team/app", "latest"), ImageRef.parse("registry:5000/team/app"));
        assertEquals(new ImageRef("registry:5000/team/app", "1.2"), ImageRef.parse("registry:5000/team/app:1.2"));
        ImageRef digest = ImageRef.parse("app@sha256:abc");
        assertEquals(new ImageRef("app", "sha256:abc"), digest);
        assertEquals("app@sha256:abc", digest.reference());
        assertEquals("redis:latest", ImageRef.parse("redis").reference());
    }

    @Test
    void engineMessagesAreUnwrapped() {
        EngineException notFound = EngineErrors.translate(
                new NotFoundException("Status 404: {\"message\":\"No such container: abc\"}\n"));
        assertEquals("No such container: abc", notFound.getMessage());
        assertTrue(notFound.notFound());

        EngineException conflict = EngineErrors.translate(new ConflictException(
                "Status 409: {\"message\":\"Conflict. The container name \\\"/web.1\\\" is already in use\"}"));
        assertEquals("Conflict. The container name \"/web.1\" is already in use", conflict.getMessage());
        assertFalse(conflict.notFound());

        assertEquals("connection refused", EngineErrors.translate(new RuntimeException("connection refused")).getMessage());
    }
}
