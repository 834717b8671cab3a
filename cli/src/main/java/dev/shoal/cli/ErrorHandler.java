package dev.shoal.cli;

import dev.shoal.cli.client.ApiException;
import dev.shoal.cli.client.DaemonUnreachableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into a message on stderr and {@link Swarmctl#EXIT_ERROR}: usage errors as
 * picocli words them plus a pointer to {@code --help}; daemon errors as
 * {@code Error response from daemon: <message>}; an unreachable daemon naming the address tried.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("See '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        err.flush();
        return Swarmctl.EXIT_ERROR;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        PrintWriter err = cl.getErr();
        if (ex instanceof ApiException || ex instanceof DaemonUnreachableException || ex instanceof CliException) {
            err.println(ex.getMessage());
        } else {
            err.println("Error: " + ex);
        }
        err.flush();
        return Swarmctl.EXIT_ERROR;
    }
}
