package dev.shoal.cli.stack;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.CliException;
import dev.shoal.stack.LoadedStack;
import dev.shoal.stack.StackFileException;
import dev.shoal.stack.StackLoader;
import dev.shoal.stack.StackYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code swarmctl stack config -c FILE [-c FILE...]}: prints the final stack after merging and
 * interpolation, as {@code docker stack config} does ({@code -c -} reads the file from stdin). Runs entirely on the client: no daemon is
 * contacted. The normalised YAML goes to stdout; Docker's load-time warnings (as logrus prints them,
 * {@code level=warning msg="..."}) and the notes on keys stack deploy ignores or deprecates go to
 * stderr. A file that fails to load prints {@code FILE: reason} and exits 1.
 */
@Command(name = "config", description = "Outputs the final config file, after doing merges and interpolations")
public final class StackConfig extends ApiCommand {
    @Option(names = {"-c", "--compose-file"}, required = true, split = ",", paramLabel = "FILE",
            description = "Path to a Compose file, or \"-\" to read from stdin (repeatable; later files are merged over earlier ones)")
    private List<String> files = new ArrayList<>();

    @Option(names = "--skip-interpolation", description = "Skip interpolation and output only merged config")
    private boolean skipInterpolation;

    @Override
    protected void execute() {
        List<Path> paths = new ArrayList<>();
        for (String f : files) paths.add(Path.of(f));
        LoadedStack loaded;
        try {
            loaded = new StackLoader(root().env()).load(paths, !skipInterpolation, root().in());
        } catch (StackFileException e) {
            throw new CliException(e.getMessage());
        }
        for (String w : loaded.warnings()) err().println("level=warning msg=\"" + w.replace("\"", "\\\"") + "\"");
        err().print(loaded.propertyWarnings());
        err().flush();
        out().print(StackYaml.write(loaded.config()));
    }
}
