package eu.charte.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Entry of the command line: tells a command invocation ({@code charte.jar import-charter ...}) from a server start
 * ({@code charte.jar --server.port=...}), and reads a command's options.
 */
public final class CommandLine {

    /** Property naming the command to run; its presence also means: no web server, no demo data. */
    public static final String PROPERTY = "charte.command";

    private CommandLine() {
    }

    /** The command name when the first argument is one (not an option), else empty. */
    public static Optional<String> commandOf(String[] args) {
        return args.length > 0 && !args[0].startsWith("-") ? Optional.of(args[0]) : Optional.empty();
    }

    /**
     * Spring arguments for running a command: no web server, no demo data, only errors logged (the command's own
     * output goes to stdout), the command's name. Given as command-line arguments so that they win over
     * {@code application.properties}.
     */
    public static String[] springArguments(String command, String[] args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--" + PROPERTY + "=" + command, "--spring.main.web-application-type=none",
                "--charte.demo=false", "--logging.level.root=ERROR", "--spring.main.banner-mode=off",
                "--spring.main.log-startup-info=false"));
        return all.toArray(String[]::new);
    }

    /** The arguments a command receives: all after its name, Spring's own {@code --spring.*}/{@code --server.*} removed. */
    public static List<String> commandArguments(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        rest.removeIf(a -> a.startsWith("--spring.") || a.startsWith("--server.") || a.startsWith("--logging.")
                || a.startsWith("--charte."));
        return rest;
    }

    /** The value of {@code --name value} (or {@code --name=value}). */
    public static Optional<String> option(List<String> arguments, String name) {
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("--" + name) && i + 1 < arguments.size()) {
                return Optional.of(arguments.get(i + 1));
            }
            if (a.startsWith("--" + name + "=")) {
                return Optional.of(a.substring(name.length() + 3));
            }
        }
        return Optional.empty();
    }

    /** All values of a repeatable {@code --name value}. */
    public static List<String> options(List<String> arguments, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.equals("--" + name) && i + 1 < arguments.size()) {
                values.add(arguments.get(++i));
            } else if (a.startsWith("--" + name + "=")) {
                values.add(a.substring(name.length() + 3));
            }
        }
        return values;
    }

    public static boolean flag(List<String> arguments, String name) {
        return arguments.contains("--" + name);
    }

    /**
     * Whether the arguments are only options named in {@code valued}, each with its value: no other option and no
     * positional argument.
     */
    public static boolean onlyValued(List<String> arguments, List<String> valued) {
        return only(arguments, valued, List.of());
    }

    /**
     * Whether the arguments are only options named in {@code valued} (each with its value) or in {@code flags}: no
     * other option and no positional argument.
     */
    public static boolean only(List<String> arguments, List<String> valued, List<String> flags) {
        boolean unknownOption = arguments.stream().filter(a -> a.startsWith("--"))
                .map(a -> a.substring(2).split("=", 2)[0])
                .anyMatch(name -> !valued.contains(name) && !flags.contains(name));
        return !unknownOption && positional(arguments, valued).isEmpty();
    }

    /**
     * The arguments that are not options: {@code valued} names take the next argument as their value, other
     * {@code --x} are flags.
     */
    public static List<String> positional(List<String> arguments, List<String> valued) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i);
            if (a.startsWith("--")) {
                if (!a.contains("=") && valued.contains(a.substring(2))) {
                    i++;
                }
            } else {
                result.add(a);
            }
        }
        return result;
    }
}
