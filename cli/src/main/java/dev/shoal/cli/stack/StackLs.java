package dev.shoal.cli.stack;

import dev.shoal.cli.ApiCommand;
import dev.shoal.cli.format.Table;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code swarmctl stack ls}: NAME SERVICES, one row per stack that has services. */
@Command(name = "ls", aliases = "list", description = "List stacks")
public final class StackLs extends ApiCommand {
    @Override
    protected void execute() {
        Table t = new Table("NAME", "SERVICES");
        for (Map.Entry<String, Integer> e : StackObjects.stacks(client()).entrySet()) t.row(e.getKey(), String.valueOf(e.getValue()));
        t.print(out());
    }
}
