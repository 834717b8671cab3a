package dev.shoal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GoFormat}: Go's printing of durations and floats, go-units sizes, shlex words. */
class StackGoFormatTest {
    @Test
    void durationsRoundTripInGoForm() {
        assertEquals("2m0s", GoFormat.formatDuration(GoFormat.parseDuration("120s")));
        assertEquals("1m30s", GoFormat.formatDuration(GoFormat.parseDuration("90s")));
        assertEquals("1h2m3.5s", GoFormat.formatDuration(GoFormat.parseDuration("1h2m3.5s")));
        assertEquals("500ms", GoFormat.formatDuration(GoFormat.parseDuration(".5s")));
        assertEquals("1.5\u00b5s", GoFormat.formatDuration(1500));
        assertEquals("0s", GoFormat.formatDuration(GoFormat.parseDuration("0")));
        assertEquals("-1m0s", GoFormat.formatDuration(GoFormat.parseDuration("-60s")));
        assertEquals(1_000_000L, GoFormat.parseDuration("1ms"));
    }

    @Test
    void badDurationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> GoFormat.parseDuration("5"));
        assertThrows(IllegalArgumentException.class, () -> GoFormat.parseDuration("10 seconds"));
        assertThrows(IllegalArgumentException.class, () -> GoFormat.parseDuration(""));
        assertThrows(IllegalArgumentException.class, () -> GoFormat.parseDuration("1d"));
    }

    @Test
    void floatsPrintAsGoPrintsThem() {
        assertEquals("1.5", GoFormat.sprint(1.50));
        assertEquals("2.5", GoFormat.sprint(2.5));
        assertEquals("1e+06", GoFormat.sprint(1_000_000.0));
        assertEquals("123456", GoFormat.sprint(123_456.0));
        assertEquals("1e-05", GoFormat.sprint(0.00001));
        assertEquals("0.0001", GoFormat.sprint(0.0001));
        assertEquals("42", GoFormat.sprint(42L));
    }

    @Test
    void sizesUseBinaryUnits() {
        assertEquals(536_870_912L, GoFormat.ramInBytes("512m"));
        assertEquals(1_073_741_824L, GoFormat.ramInBytes("1gb"));
        assertEquals(52_428_800L, GoFormat.ramInBytes("50M"));
        assertEquals(1024L, GoFormat.ramInBytes("1KiB"));
        assertEquals(100L, GoFormat.ramInBytes("100"));
        assertThrows(IllegalArgumentException.class, () -> GoFormat.ramInBytes("lots"));
    }

    @Test
    void commandsSplitLikeAShell() {
        assertEquals(List.of("bundle", "exec", "thin", "-p", "3000"), GoFormat.shellSplit("bundle exec thin -p 3000"));
        assertEquals(List.of("a b", "c d", "e\"f", "x"), GoFormat.shellSplit("'a b' \"c d\" e\\\"f x # comment"));
        assertEquals(List.of("^(sys|proc)($|/)"), GoFormat.shellSplit("\"^(sys|proc)($|/)\""));
        assertThrows(IllegalArgumentException.class, () -> GoFormat.shellSplit("\"open"));
    }
}
