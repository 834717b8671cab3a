package dev.shoal.cli.secret;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.format.Table;
import dev.shoal.cli.format.TimeAgo;
import dev.shoal.model.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code swarmctl secret ls}: ID NAME DRIVER CREATED UPDATED, as Docker's. */
@Command(name = "ls", aliases = "list", description = "List secrets")
public final class SecretLs extends ApiCommand {
    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    private boolean quiet;

    @Override
    protected void execute() {
        Table t = new Table("ID", "NAME", "DRIVER", "CREATED", "UPDATED");
        for (Secret s : client().secrets()) {
            if (quiet) out().println(s.id());
            else t.row(s.id(), s.spec().name(), "", TimeAgo.ago(s.createdAt(), now()), TimeAgo.ago(s.updatedAt(), now()));
        }
        if (!quiet) t.print(out());
    }
}
