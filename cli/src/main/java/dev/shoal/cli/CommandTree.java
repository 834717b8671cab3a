package dev.shoal.cli;

import dev.shoal.cli.config.ConfigCommand;
import dev.shoal.cli.config.ConfigCreate;
import dev.shoal.cli.config.ConfigInspect;
import dev.shoal.cli.config.ConfigLs;
import dev.shoal.cli.config.ConfigRm;
import dev.shoal.cli.network.NetworkCommand;
import dev.shoal.cli.network.NetworkCreateCmd;
import dev.shoal.cli.network.NetworkInspect;
import dev.shoal.cli.network.NetworkLs;
import dev.shoal.cli.network.NetworkRm;
import dev.shoal.cli.node.NodeCommand;
import dev.shoal.cli.node.NodeDemote;
import dev.shoal.cli.node.NodeInspect;
import dev.shoal.cli.node.NodeLs;
import dev.shoal.cli.node.NodePromote;
import dev.shoal.cli.node.NodePs;
import dev.shoal.cli.node.NodeRm;
import dev.shoal.cli.node.NodeUpdate;
import dev.shoal.cli.secret.SecretCommand;
import dev.shoal.cli.secret.SecretCreate;
import dev.shoal.cli.secret.SecretInspect;
import dev.shoal.cli.secret.SecretLs;
import dev.shoal.cli.secret.SecretRm;
import dev.shoal.cli.service.ServiceCommand;
import dev.shoal.cli.service.ServiceCreate;
import dev.shoal.cli.service.ServiceInspect;
import dev.shoal.cli.service.ServiceLs;
import dev.shoal.cli.service.ServicePs;
import dev.shoal.cli.service.ServiceRm;
import dev.shoal.cli.service.ServiceRollback;
import dev.shoal.cli.service.ServiceScale;
import dev.shoal.cli.service.ServiceUpdate;
import dev.shoal.cli.stack.StackCommand;
import dev.shoal.cli.stack.StackConfig;
import dev.shoal.cli.stack.StackDeploy;
import dev.shoal.cli.stack.StackLs;
import dev.shoal.cli.stack.StackPs;
import dev.shoal.cli.stack.StackRm;
import dev.shoal.cli.stack.StackServices;
import dev.shoal.cli.swarm.SwarmCommand;
import dev.shoal.cli.swarm.SwarmInit;
import dev.shoal.cli.swarm.SwarmJoin;
import dev.shoal.cli.swarm.SwarmJoinToken;
import dev.shoal.cli.swarm.SwarmLeave;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * swarmctl's nouns and their verbs, in the order help lists them, and the picocli command line for
 * one invocation.
 *
 * <p>Building picocli's model of every command (some 40 of them, {@code service create} alone has
 * dozens of options) is most of swarmctl's start-up, so {@link #forArgs} builds only the branch the
 * arguments name: {@code swarmctl service ls} builds the root, {@code service} and {@code ls}. When
 * the arguments name no known noun or verb (a typo, {@code --help} on the root), the whole level is
 * built, so help and "unknown command" errors are exactly those of the full tree. Stateless and
 * thread-safe.
 */
public final class CommandTree {

    /** A noun and its verbs. */
    record Noun(Class<? extends NounCommand> type, List<Class<?>> verbs) {
        String name() { return nameOf(type); }
    }

    private static final List<Noun> NOUNS = List.of(
            new Noun(SwarmCommand.class, List.of(SwarmInit.class, SwarmJoin.class, SwarmJoinToken.class, SwarmLeave.class)),
            new Noun(NodeCommand.class, List.of(NodeLs.class, NodeInspect.class, NodePs.class, NodeUpdate.class,
                    NodePromote.class, NodeDemote.class, NodeRm.class)),
            new Noun(ServiceCommand.class, List.of(ServiceCreate.class, ServiceInspect.class, ServiceLs.class,
                    ServicePs.class, ServiceRm.class, ServiceRollback.class, ServiceScale.class, ServiceUpdate.class)),
            new Noun(NetworkCommand.class, List.of(NetworkCreateCmd.class, NetworkLs.class, NetworkInspect.class, NetworkRm.class)),
            new Noun(SecretCommand.class, List.of(SecretCreate.class, SecretLs.class, SecretInspect.class, SecretRm.class)),
            new Noun(ConfigCommand.class, List.of(ConfigCreate.class, ConfigLs.class, ConfigInspect.class, ConfigRm.class)),
            new Noun(StackCommand.class, List.of(StackConfig.class, StackDeploy.class, StackLs.class, StackServices.class,
                    StackPs.class, StackRm.class)));

    private CommandTree() {}

    /** Adds every noun and verb under {@code root}. */
    static void addAll(CommandLine root) {
        for (Noun noun : NOUNS) root.addSubcommand(noun(noun, noun.verbs()));
    }

    /** Adds under {@code root} only the branch {@code args} name (see the class comment). */
    static void addFor(CommandLine root, String[] args) {
        List<String> words = leadingWords(args);
        Optional<Noun> noun = words.isEmpty() ? Optional.empty()
                : NOUNS.stream().filter(n -> n.name().equals(words.get(0))).findFirst();
        if (noun.isEmpty()) {
            addAll(root);
            return;
        }
        Noun n = noun.get();
        List<Class<?>> verbs = n.verbs();
        if (words.size() > 1) {
            List<Class<?>> named = verbs.stream().filter(v -> names(v).anyMatch(words.get(1)::equals)).toList();
            if (!named.isEmpty()) verbs = named;
        }
        root.addSubcommand(noun(n, verbs));
    }

    private static CommandLine noun(Noun noun, List<Class<?>> verbs) {
        CommandLine cl = new CommandLine(noun.type());
        for (Class<?> verb : verbs) cl.addSubcommand(verb);
        return cl;
    }

    /**
     * The first two words of a command line that are neither options nor the value of {@code -H/--host},
     * the one option allowed before the verb besides help. Stops at any other option, so an
     * unexpected one leads to the full level rather than a wrong guess.
     */
    static List<String> leadingWords(String[] args) {
        java.util.ArrayList<String> words = new java.util.ArrayList<>(2);
        for (int i = 0; i < args.length && words.size() < 2; i++) {
            String a = args[i];
            if (a.equals("-H") || a.equals("--host")) {
                i++;
            } else if (a.startsWith("--host=") || (a.startsWith("-H") && a.length() > 2)) {
                // the host given in the same word
            } else if (a.startsWith("-")) {
                break;
            } else {
                words.add(a);
            }
        }
        return words;
    }

    private static String nameOf(Class<?> type) { return type.getAnnotation(Command.class).name(); }

    private static Stream<String> names(Class<?> type) {
        Command c = type.getAnnotation(Command.class);
        return Stream.concat(Stream.of(c.name()), Arrays.stream(c.aliases()));
    }
}
