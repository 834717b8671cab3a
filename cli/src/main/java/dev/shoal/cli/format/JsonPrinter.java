package dev.shoal.cli.format;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;

/** Prints JSON as Docker's inspect commands do: four-space indent, {@code "Key": value}, {@code []} and {@code {}} when empty. */
public final class JsonPrinter {
    private final ObjectMapper mapper;

    public JsonPrinter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Prints the value followed by a newline. */
    public void print(JsonNode value, PrintWriter out) {
        DefaultIndenter indent = new DefaultIndenter("    ", "\n");
        Separators seps = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        DefaultPrettyPrinter pp = new DefaultPrettyPrinter(seps);
        pp.indentObjectsWith(indent);
        pp.indentArraysWith(indent);
        try {
            out.println(mapper.writer(pp).writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot print JSON: " + e.getMessage(), e);
        }
        out.flush();
    }
}
