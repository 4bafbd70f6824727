package io.entangled.zkvm.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code entangled zkvm}: the zkVM's subcommands ({@code run}; proving adds more). */
@Command(
    name = "zkvm",
    description = "Run MIPS guest programs in the Entangled zkVM.",
    mixinStandardHelpOptions = true,
    subcommands = {ZkvmRunCommand.class, ZkvmProveCommand.class, ZkvmVerifyCommand.class})
public final class ZkvmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("zkvm: missing subcommand (run, prove or verify)");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** Standalone launcher (benchmarks run the zkVM without the relayer jar). */
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line in-process; used by tests and by a standalone launcher. */
  public static int execute(String... args) {
    return new CommandLine(new ZkvmCommand()).execute(args);
  }
}
