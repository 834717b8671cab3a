package dev.shoal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line built for one invocation holds the branch it runs, and the whole level when unsure. */
class CommandTreeTest {
    private final Swarmctl root = new Swarmctl(Map.of(), Clock.systemUTC());

    @Test
    void leadingWordsSkipTheHostOptionAndStopAtAnyOther() {
        assertEquals(List.of("service", "ls"), CommandTree.leadingWords(new String[] {"-H", "tcp://h:1", "service", "ls", "-q"}));
        assertEquals(List.of("node", "ls"), CommandTree.leadingWords(new String[] {"--host=tcp://h:1", "node", "-Htcp://h:1", "ls"}));
        assertEquals(List.of("stack"), CommandTree.leadingWords(new String[] {"stack", "--help", "deploy"}));
        assertEquals(List.of(), CommandTree.leadingWords(new String[] {"--version", "service"}));
    }

    @Test
    void aKnownNounAndVerbBuildOnlyThatBranch() {
        CommandLine cl = root.commandLine(new String[] {"service", "ls", "-q"});
        assertEquals(Set.of("service"), cl.getSubcommands().keySet());
        assertEquals(Set.of("ls", "list"), cl.getSubcommands().get("service").getSubcommands().keySet());
        CommandLine alias = root.commandLine(new String[] {"stack", "up", "-c", "f.yml", "s"});
        assertEquals(Set.of("deploy", "up"), alias.getSubcommands().get("stack").getSubcommands().keySet());
    }

    @Test
    void anUnknownWordBuildsTheWholeLevelSoErrorsAndHelpAreThoseOfTheFullTree() {
        CommandLine full = root.commandLine();
        assertEquals(full.getSubcommands().keySet(), root.commandLine(new String[] {"servic", "ls"}).getSubcommands().keySet());
        assertEquals(full.getSubcommands().keySet(), root.commandLine(new String[] {"--help"}).getSubcommands().keySet());
        assertEquals(full.getSubcommands().get("node").getSubcommands().keySet(),
                root.commandLine(new String[] {"node", "lss"}).getSubcommands().get("node").getSubcommands().keySet());
    }
}
