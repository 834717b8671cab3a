package dev.shoal.cli.opts;

import dev.shoal.model.RestartCondition;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converter for {@code --restart-condition}: none, on-failure or any. */
public final class RestartConditionConverter implements ITypeConverter<RestartCondition> {
    @Override
    public RestartCondition convert(String value) {
        try {
            return RestartCondition.parse(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
