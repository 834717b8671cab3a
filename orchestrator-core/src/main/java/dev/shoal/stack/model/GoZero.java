package dev.shoal.stack.model;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Go's {@code omitempty} rule for a struct value: a struct is omitted when every field holds its
 * zero value (null, "", false, 0, an empty list or map, or a zero struct). A boxed {@code Long} or
 * {@code Boolean} component stands for a Go pointer, so it is zero only when null. Used as a Jackson
 * {@code valueFilter}: {@link #equals} answers "exclude this value".
 */
public final class GoZero {
    /** A model record whose zero-ness can be checked field by field. */
    public interface Struct {
    }

    @Override
    public boolean equals(Object value) {
        return isZero(value);
    }

    @Override
    public int hashCode() {
        return 0;
    }

    private static boolean isStructValue(RecordComponent c) {
        com.fasterxml.jackson.annotation.JsonInclude inc = c.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonInclude.class);
        return inc != null && inc.valueFilter() == GoZero.class;
    }

    /** Whether a value is Go's zero value for its type. */
    public static boolean isZero(Object value) {
        if (value == null) return true;
        if (value instanceof String) return ((String) value).isEmpty();
        if (value instanceof Boolean) return !((Boolean) value);
        if (value instanceof Number) return ((Number) value).doubleValue() == 0;
        if (value instanceof Collection) return ((Collection<?>) value).isEmpty();
        if (value instanceof Map) return ((Map<?, ?>) value).isEmpty();
        if (value instanceof GoDuration || value instanceof UnitBytes) return false; // zero non-pointer ones are never set

        if (value instanceof Struct && value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    Object v = c.getAccessor().invoke(value);
                    // A boxed number or boolean is a Go pointer: set (even to 0 or false) is not zero.
                    if (v != null && !c.getType().isPrimitive() && (v instanceof Number || v instanceof Boolean)) return false;
                    // A struct-typed component is a Go pointer unless it is filtered as a struct value (by this class).
                    if (v instanceof Struct && !isStructValue(c)) return false;
                    if (!isZero(v)) return false;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        }
        return false;
    }
}
