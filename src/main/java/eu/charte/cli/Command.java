package eu.charte.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of {@code java -jar charte.jar <name> [arguments]}, run on the configured database without the web
 * server. Implementations are Spring beans of the module that owns the work.
 */
public interface Command {

    /** The name typed after the jar ({@code import-charter}). */
    String name();

    /** One line of usage, shown by {@code help} and on bad arguments. */
    String usage();

    /**
     * Runs the command.
     *
     * @param arguments the arguments after the name
     * @param out the command's output (its result)
     * @param err messages for people (errors, progress)
     * @return the exit code: 0 for success
     */
    int run(List<String> arguments, PrintStream out, PrintStream err);
}
