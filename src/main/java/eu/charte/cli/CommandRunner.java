package eu.charte.cli;

import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Runs the command named by {@code charte.command}, after the other start-up runners; keeps its exit code. */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class CommandRunner implements ApplicationRunner, ExitCodeGenerator {

    private final List<Command> commands;
    private final Environment environment;
    private int exitCode;

    CommandRunner(List<Command> commands, Environment environment) {
        this.commands = commands;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        String name = environment.getProperty(CommandLine.PROPERTY);
        if (name == null) {
            return;
        }
        Command command = commands.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
        if (command == null) {
            System.err.println("Unknown command: " + name + ". Commands:");
            commands.stream().map(c -> "  " + c.usage()).sorted().forEach(System.err::println);
            exitCode = 2;
            return;
        }
        exitCode = command.run(CommandLine.commandArguments(args.getSourceArgs()), System.out, System.err);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
