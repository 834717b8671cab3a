package dev.shoal.cli.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shoal.model.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void tableIsLaidOutLikeDockersTabwriter() {
        StringWriter s = new StringWriter();
        new Table("ID", "NAME", "MODE").row("abc", "a-long-service-name", "replicated").row("d", null, "global").print(new PrintWriter(s));
        assertEquals(""
                + "ID        NAME                  MODE\n"
                + "abc       a-long-service-name   replicated\n"
                + "d                               global\n", s.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void humanDurationsAsGoUnits() {
        Instant now = Instant.parse("2024-01-01T12:00:00Z");
        assertEquals("less than a second ago", TimeAgo.ago(now, now));
        assertEquals("1 second ago", TimeAgo.ago(now.minusSeconds(1), now));
        assertEquals("5 seconds ago", TimeAgo.ago(now.minusSeconds(5), now));
        assertEquals("about a minute ago", TimeAgo.ago(now.minusSeconds(90), now));
        assertEquals("3 minutes ago", TimeAgo.ago(now.minusSeconds(200), now));
        assertEquals("about an hour ago", TimeAgo.ago(now.minus(Duration.ofMinutes(70)), now));
        assertEquals("5 hours ago", TimeAgo.ago(now.minus(Duration.ofHours(5)), now));
        assertEquals("3 days ago", TimeAgo.ago(now.minus(Duration.ofDays(3)), now));
        assertEquals("3 weeks ago", TimeAgo.ago(now.minus(Duration.ofDays(21)), now));
        assertEquals("less than a second ago", TimeAgo.ago(now.plusSeconds(3), now));
    }

    @Test
    void jsonIsIndentedLikeDockers() throws Exception {
        ObjectMapper m = Json.newMapper();
        StringWriter s = new StringWriter();
        new JsonPrinter(m).print(m.readTree("[{\"ID\":\"x\",\"Labels\":{},\"Args\":[],\"Spec\":{\"N\":1}}]"), new PrintWriter(s));
        assertEquals("[\n    {\n        \"ID\": \"x\",\n        \"Labels\": {},\n        \"Args\": [],\n"
                + "        \"Spec\": {\n            \"N\": 1\n        }\n    }\n]\n", s.toString().replace(System.lineSeparator(), "\n"));
    }
}
