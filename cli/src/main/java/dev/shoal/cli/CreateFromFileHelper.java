package dev.shoal.cli;

import dev.shoal.cli.opts.KeyValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * What {@code secret create} and {@code config create} share: {@code [-l k=v] NAME FILE|-}, the content
 * read from the file or standard input, the new object's id printed.
 */
public abstract class CreateFromFileHelper extends ApiCommand {
    @Option(names = {"-l", "--label"}, paramLabel = "list", converter = KeyValue.Converter.class, description = "Labels")
    private List<KeyValue> labels = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "NAME", description = "Name")
    private String name;

    @Parameters(index = "1", paramLabel = "FILE|-", description = "File with the content, or - for standard input")
    private String file;

    /** Creates the object; returns its id. */
    protected abstract String create(String name, Map<String, String> labels, byte[] data);

    @Override
    protected void execute() {
        Map<String, String> l = new LinkedHashMap<>();
        for (KeyValue kv : labels) l.put(kv.key(), kv.value());
        out().println(create(name, l, FileData.read(file, root().in())));
    }
}
