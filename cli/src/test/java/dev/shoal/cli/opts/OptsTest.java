package dev.shoal.cli.opts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shoal.model.PortConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptsTest {
    @Test
    void goDurations() {
        assertEquals(5_000_000_000L, GoDuration.parse("5s"));
        assertEquals(90_000_000_000L, GoDuration.parse("1m30s"));
        assertEquals(100_000_000L, GoDuration.parse("100ms"));
        assertEquals(1_500_000_000L, GoDuration.parse("1.5s"));
        assertEquals(3_600_000_000_000L, GoDuration.parse("1h"));
        assertEquals(2_000L, GoDuration.parse("2us"));
        assertEquals(2_000L, GoDuration.parse("2µs"));
        assertEquals(7L, GoDuration.parse("7ns"));
        assertEquals(0L, GoDuration.parse("0"));
        for (String bad : new String[] {"", "5", "5x", "s", "-1s", "1m30", "abc"}) {
            assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(bad), bad);
        }
    }

    @Test
    void goDurationFormatsAsGo() {
        assertEquals("0s", GoDuration.format(0));
        assertEquals("5s", GoDuration.format(5_000_000_000L));
        assertEquals("1m30s", GoDuration.format(90_000_000_000L));
        assertEquals("100ms", GoDuration.format(100_000_000L));
        assertEquals("1.5s", GoDuration.format(1_500_000_000L));
        assertEquals("1h0m0s", GoDuration.format(3_600_000_000_000L));
        assertEquals("1m0s", GoDuration.format(60_000_000_000L));
    }

    @Test
    void byteSizesAreBinaryLikeDockers() {
        assertEquals(512L * 1024 * 1024, ByteSize.parse("512M"));
        assertEquals(512L * 1024 * 1024, ByteSize.parse("512m"));
        assertEquals(512L * 1024 * 1024, ByteSize.parse("512mb"));
        assertEquals(1024L * 1024 * 1024, ByteSize.parse("1G"));
        assertEquals(1536L * 1024 * 1024, ByteSize.parse("1.5g"));
        assertEquals(64L * 1024, ByteSize.parse("64k"));
        assertEquals(1000L, ByteSize.parse("1000"));
        assertEquals(1000L, ByteSize.parse("1000b"));
        for (String bad : new String[] {"", "abc", "12x", "-1m", "1 gigabyte"}) {
            assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(bad), bad);
        }
        assertEquals("512MiB", ByteSize.format(512L * 1024 * 1024));
        assertEquals("995.8MiB", ByteSize.format((long) (995.75 * 1024 * 1024)));
        assertEquals("1.5GiB", ByteSize.format(1536L * 1024 * 1024));
        assertEquals("0B", ByteSize.format(0));
    }

    @Test
    void cpusToNanoCpus() {
        assertEquals(500_000_000L, NanoCpus.parse("0.5"));
        assertEquals(2_000_000_000L, NanoCpus.parse("2"));
        assertEquals(1_000_000L, NanoCpus.parse("0.001"));
        assertThrows(IllegalArgumentException.class, () -> NanoCpus.parse("0.0000000001"));
        assertThrows(IllegalArgumentException.class, () -> NanoCpus.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> NanoCpus.parse("half"));
        assertEquals("0.5", NanoCpus.format(500_000_000L));
        assertEquals("2", NanoCpus.format(2_000_000_000L));
    }

    @Test
    void nonNegativeCounts() {
        assertEquals(3L, NonNegativeLong.parse("3"));
        assertEquals(0L, NonNegativeLong.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> NonNegativeLong.parse("-1"));
        assertThrows(IllegalArgumentException.class, () -> NonNegativeLong.parse("x"));
    }

    @Test
    void publishShortForm() {
        assertEquals(List.of(new PortConfig(null, "tcp", 80, 8080, "ingress")), PublishSpec.parse("8080:80").ports());
        assertEquals(List.of(new PortConfig(null, "udp", 53, 5353, "ingress")), PublishSpec.parse("5353:53/udp").ports());
        assertEquals(List.of(new PortConfig(null, "tcp", 80, 0, "ingress")), PublishSpec.parse("80").ports());
        assertEquals(List.of(new PortConfig(null, "tcp", 80, 8080, "ingress"), new PortConfig(null, "tcp", 81, 8081, "ingress")),
                PublishSpec.parse("8080-8081:80-81").ports());
        for (String bad : new String[] {"", "x:80", "8080:", "8080:80/icmp", "70000:80", "1.2.3.4:8080:80", "8080-8082:80-81"}) {
            assertThrows(IllegalArgumentException.class, () -> PublishSpec.parse(bad), bad);
        }
    }

    @Test
    void publishLongForm() {
        assertEquals(List.of(new PortConfig(null, "tcp", 80, 8080, "host")),
                PublishSpec.parse("published=8080,target=80,protocol=tcp,mode=host").ports());
        assertEquals(List.of(new PortConfig(null, "udp", 53, 0, "ingress")), PublishSpec.parse("target=53,protocol=udp").ports());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PublishSpec.parse("published=8080"));
        assertTrue(e.getMessage().contains("target"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PublishSpec.parse("target=80,color=red"));
        assertThrows(IllegalArgumentException.class, () -> PublishSpec.parse("target=80,mode=bridge"));
    }

    @Test
    void labelsAndEnv() {
        assertEquals(new KeyValue("tier", "web"), KeyValue.parse("tier=web"));
        assertEquals(new KeyValue("flag", ""), KeyValue.parse("flag"));
        assertEquals(new KeyValue("a", "b=c"), KeyValue.parse("a=b=c"));
        assertThrows(IllegalArgumentException.class, () -> KeyValue.parse("=x"));
        assertEquals("A=1", EnvVar.resolve("A=1", Map.of("A", "2")));
        assertEquals("A=2", EnvVar.resolve("A", Map.of("A", "2")));
        assertEquals("B", EnvVar.resolve("B", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> EnvVar.resolve("=x", Map.of()));
    }

    @Test
    void shellWords() {
        assertEquals(List.of("sh", "-c", "echo hi"), ShellWords.split("sh -c 'echo hi'"));
        assertEquals(List.of("a b", "c\"d"), ShellWords.split("\"a b\" c\\\"d"));
        assertEquals(List.of(), ShellWords.split("   "));
        assertThrows(IllegalArgumentException.class, () -> ShellWords.split("'open"));
    }
}
