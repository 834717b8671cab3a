package dev.shoal.cli.config;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.format.Table;
import dev.shoal.cli.format.TimeAgo;
import dev.shoal.model.Config;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarmctl config ls}: ID NAME CREATED UPDATED, as Docker's. */
@Command(name = "ls", aliases = "list", description = "List configs")
public final class ConfigLs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    private boolean quiet;

    @Override
    protected void execute() {
        Table t = new Table("ID", "NAME", "CREATED", "UPDATED");
        for (Config c : client().configs()) {
            if (quiet) out().println(c.id());
            else t.row(c.id(), c.spec().name(), TimeAgo.ago(c.createdAt(), now()), TimeAgo.ago(c.updatedAt(), now()));
        }
        if (!quiet) t.print(out());
    }
}
