package dev.shoal.stack.model;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Map;

/**
 * Go's {@code omitempty} rule for a struct value: a struct is omitted when every field holds its
 * zero value (null, "", false, 0, an empty list or map, or a zero struct). Used as a Jackson
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

    /** Whether a value is Go's zero value for its type. */
    public static boolean isZero(Object value) {
        if (value == null) return true;
        if (value instanceof String) return ((String) value).isEmpty();
        if (value instanceof Boolean) return !((Boolean) value);
        if (value instanceof Number) return ((Number) value).doubleValue() == 0;
        if (value instanceof Collection) return ((Collection<?>) value).isEmpty();
        if (value instanceof Map) return ((Map<?, ?>) value).isEmpty();
        if (value instanceof GoDuration) return ((GoDuration) value).nanos() == 0;
        if (value instanceof UnitBytes) return ((UnitBytes) value).bytes() == 0;
        if (value instanceof Struct && value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    if (!isZero(c.getAccessor().invoke(value))) return false;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return true;
        }
        return false;
    }
}
