package dev.shoal.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The direct instant codec writes and reads exactly what Jackson's JSR-310 module does. */
class InstantJsonTest {
    private final ObjectMapper standard = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper ours = Json.newMapper();

    @Test
    void formatsAndParsesLikeTheJsr310ModuleForManyInstants() throws Exception {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            long secs = r.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1000;
                default -> r.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(secs, nano);
            String json = standard.writeValueAsString(t);
            assertEquals(json, ours.writeValueAsString(t), "format of " + t);
            assertEquals(t, ours.readValue(json, Instant.class), "parse of " + json);
        }
    }

    @Test
    void otherShapesGoToTheStandardDeserializer() throws Exception {
        assertEquals(Instant.parse("2026-01-01T10:00:00Z"), ours.readValue("\"2026-01-01T12:00:00+02:00\"", Instant.class));
        assertEquals(Instant.ofEpochSecond(1_700_000_000L), ours.readValue("1700000000", Instant.class));
        assertEquals(Instant.parse("2026-01-01T00:00:00.5Z"), ours.readValue("\"2026-01-01T00:00:00.5Z\"", Instant.class));
        assertNull(InstantJson.parse("2026-02-30T00:00:00Z"), "an impossible date is left to the standard parser (which refuses it)");
        assertNull(InstantJson.parse("2026-01-01 00:00:00Z"));
        assertEquals(Instant.parse("2024-02-29T23:59:59.999999999Z"), InstantJson.parse("2024-02-29T23:59:59.999999999Z"));
    }
}
