package dev.shoal.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Interpolator}: docker/cli's template rules and the casts after substitution. */
class StackInterpolatorTest {
    private final Interpolator interp = new Interpolator(Map.of("FOO", "first", "BAR", "", "HOME", "/home/foo", "N", "5", "B", "on"));

    @Test
    void plainAndBracedVariables() {
        assertEquals("first and first", interp.substitute("$FOO and ${FOO}"));
        assertEquals("", interp.substitute("$NONEXISTENT"));
        assertEquals("", interp.substitute("${BAR}"));
        assertEquals("no dollar here", interp.substitute("no dollar here"));
    }

    @Test
    void escapedDollars() {
        assertEquals("${foo}", interp.substitute("$${foo}"));
        assertEquals("$HOME and $5", interp.substitute("$$HOME and $$5"));
    }

    @Test
    void softAndHardDefaults() {
        assertEquals("def", interp.substitute("${BAR:-def}"));
        assertEquals("", interp.substitute("${BAR-def}"));
        assertEquals("def", interp.substitute("${UNSET:-def}"));
        assertEquals("def", interp.substitute("${UNSET-def}"));
        assertEquals("/non:-alphanumeric", interp.substitute("${UNSET:-/non:-alphanumeric}"));
        assertEquals("$2y$05$abc", interp.substitute("${UNSET:-$2y$05$abc}"), "a default is not interpolated again");
    }

    @Test
    void requiredVariables() {
        assertEquals("first", interp.substitute("${FOO:?must be set}"));
        assertEquals("", interp.substitute("${BAR?must be set}"), "? accepts an empty value");
        Interpolator.InvalidTemplate e = assertThrows(Interpolator.InvalidTemplate.class, () -> interp.substitute("${BAR:?it is empty}"));
        assertEquals("required variable BAR is missing a value: it is empty", e.template);
        e = assertThrows(Interpolator.InvalidTemplate.class, () -> interp.substitute("${UNSET?}"));
        assertEquals("required variable UNSET is missing a value: ", e.template);
    }

    @ParameterizedTest
    @ValueSource(strings = {"${", "$}", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "echo ${foo bar}"})
    void invalidTemplates(String template) {
        Interpolator.InvalidTemplate e = assertThrows(Interpolator.InvalidTemplate.class, () -> interp.substitute(template));
        assertEquals(template, e.template);
    }

    @Test
    void errorsNameThePathAndQuoteTheTemplate() {
        Map<String, Object> svc = Map.of("image", "busybox:${TAG:?TAG must be set}");
        Interpolator.InterpolationException e = assertThrows(Interpolator.InterpolationException.class,
                () -> interp.interpolate(Map.of("services", Map.of("a", svc))));
        assertEquals("services.a.image", e.path());
        assertEquals("invalid interpolation format for services.a.image: \"required variable TAG is missing a value: TAG must be set\"; "
                + "you may need to escape any $ with another $", e.getMessage());
    }

    @Test
    void changedValuesOfTypedKeysAreCastAndOthersAreNot() {
        Map<String, Object> deploy = new LinkedHashMap<>();
        deploy.put("replicas", "${N}");
        deploy.put("labels", Map.of("n", "$N"));
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("deploy", deploy);
        svc.put("read_only", "$B");
        svc.put("tty", "yes");
        svc.put("ports", List.of(Map.of("target", "${N}0"), "$N"));
        Map<String, Object> cfg = Map.of("services", Map.of("a", svc), "networks", Map.of("n", Map.of("external", "${B}")));
        Map<String, Object> out = interp.interpolate(cfg);
        @SuppressWarnings("unchecked")
        Map<String, Object> a = (Map<String, Object>) ((Map<String, Object>) out.get("services")).get("a");
        assertEquals(5L, ((Map<?, ?>) a.get("deploy")).get("replicas"));
        assertEquals(Map.of("n", "5"), ((Map<?, ?>) a.get("deploy")).get("labels"));
        assertEquals(true, a.get("read_only"));
        assertEquals("yes", a.get("tty"), "an unchanged value is not cast; the schema then rejects it");
        assertEquals(List.of(Map.of("target", 50L), "5"), a.get("ports"));
        assertEquals(Map.of("n", Map.of("external", true)), out.get("networks"));
    }

    @Test
    void aFailedCastNamesThePath() {
        Interpolator.InterpolationException e = assertThrows(Interpolator.InterpolationException.class,
                () -> interp.interpolate(Map.of("services", Map.of("a", Map.of("tty", "${FOO}")))));
        assertEquals("error while interpolating services.a.tty: failed to cast to expected type: invalid boolean: first", e.getMessage());
    }
}
