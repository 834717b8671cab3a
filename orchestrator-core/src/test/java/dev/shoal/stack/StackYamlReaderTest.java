package dev.shoal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link DockerYaml}: the scalars where YAML 1.1 parsers and snakeyaml-engine differ from Docker's go-yaml v3 (FORMAT.md §10). */
class StackYamlReaderTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String yaml) {
        return (Map<String, Object>) DockerYaml.parse(yaml);
    }

    @Test
    void portPairsAreStringsNotSexagesimalIntegers() {
        assertEquals(List.of("22:22", "80:80", "49100:22"), map("ports:\n  - 22:22\n  - 80:80\n  - 49100:22\n").get("ports"));
    }

    @Test
    void yesAndOnAreStringsButTrueIsABoolean() {
        Map<String, Object> env = map("A: yes\nB: on\nC: 1.5\nD:\nE: true\nF: False\nG: off\n");
        assertEquals("yes", env.get("A"));
        assertEquals("on", env.get("B"));
        assertEquals(1.5, env.get("C"));
        assertTrue(env.containsKey("D"));
        assertNull(env.get("D"));
        assertEquals(Boolean.TRUE, env.get("E"));
        assertEquals(Boolean.FALSE, env.get("F"));
        assertEquals("off", env.get("G"));
    }

    @Test
    void integersFollowGoBasePrefixes() {
        Map<String, Object> m = map("a: 0440\nb: 0o440\nc: 440\nd: 0x1F\ne: -12\nf: 1_000\ng: 0889\nh: '0440'\ni: 0b101\n");
        assertEquals(288L, m.get("a"));
        assertEquals(288L, m.get("b"));
        assertEquals(440L, m.get("c"));
        assertEquals(31L, m.get("d"));
        assertEquals(-12L, m.get("e"));
        assertEquals(1000L, m.get("f"));
        assertEquals(889.0, m.get("g"), "not octal, so go-yaml falls back to a float");
        assertEquals("0440", m.get("h"));
        assertEquals(5L, m.get("i"));
        assertEquals(new BigInteger("18446744073709551615"), map("u: 18446744073709551615\n").get("u"));
    }

    @Test
    void floatsIncludeLeadingDotAndExponent() {
        Map<String, Object> m = map("a: .5\nb: 1e3\nc: .inf\nd: 1.\ne: 1.2.3\n");
        assertEquals(0.5, m.get("a"));
        assertEquals(1000.0, m.get("b"));
        assertEquals(Double.POSITIVE_INFINITY, m.get("c"));
        assertEquals(1.0, m.get("d"));
        assertEquals("1.2.3", m.get("e"));
    }

    @Test
    void explicitTagsAndQuotesWin() {
        Map<String, Object> m = map("a: !!str 5\nb: \"5\"\nc: !!int \"7\"\nd: ~\ne: 2001-12-14\n");
        assertEquals("5", m.get("a"));
        assertEquals("5", m.get("b"));
        assertEquals(7L, m.get("c"));
        assertNull(m.get("d"));
        assertEquals("2001-12-14", m.get("e"));
    }

    @Test
    void mergeKeysMergeWithExplicitKeysWinning() {
        Map<String, Object> m = map("base: &b {x: 1, y: 1}\nother: &o {y: 2, z: 2}\n"
                + "one:\n  <<: *b\n  y: 9\nmany:\n  <<: [*b, *o]\n");
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("y", 9L);
        one.put("x", 1L);
        assertEquals(one, m.get("one"));
        assertEquals(Map.of("x", 1L, "y", 1L, "z", 2L), m.get("many"), "the earlier merged map wins");
    }

    @Test
    void aliasesShareTheAnchoredValue() {
        Map<String, Object> m = map("a: &x [1, 2]\nb: *x\n");
        assertEquals(List.of(1L, 2L), m.get("b"));
    }

    @Test
    void duplicateKeysAreAnErrorAsInGoYaml() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerYaml.parse("a: 1\nb: 2\na: 3\n"));
        assertEquals("yaml: unmarshal errors:\n  line 3: mapping key \"a\" already defined at line 1", e.getMessage());
    }

    @Test
    void syntaxErrorsAreReported() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerYaml.parse("a: [1, 2\n"));
        assertTrue(e.getMessage().startsWith("yaml: "), e.getMessage());
    }

    @Test
    void writtenStringsThatLookLikeOtherTypesAreQuotedAndReadBack() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("s", List.of("3000", "0440", "true", "", "null", "22:22", "yes", ".5", "1e3", "<<"));
        tree.put("n", List.of(1L, 0.3, true));
        tree.put("nil", null);
        String text = DockerYaml.write(tree);
        assertEquals(tree, DockerYaml.parse(text), text);
        assertTrue(text.contains("- \"3000\"") || text.contains("- '3000'"), text);
    }
}
