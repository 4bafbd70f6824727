package io.entangled.relayer.cli;

import io.entangled.chains.cli.BtcHeadersVerifyCommand;
import io.entangled.chains.cli.BtcTxOutProofVerifyCommand;
import io.entangled.chains.cli.EthHeaderVerifyCommand;
import io.entangled.chains.cli.EthProofVerifyCommand;
import io.entangled.zkvm.cli.ZkvmCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code entangled} command line. {@code serve} (the default) starts the service; every other
 * command runs without Spring or a database. Exit codes: 0 success/valid, 1 invalid, 2 bad input or
 * usage; {@code zkvm run} passes on the guest's exit code.
 */
@Command(
    name = "entangled",
    mixinStandardHelpOptions = true,
    versionProvider = EntangledCli.Version.class,
    description = "Entangled Rollup relayer: follows chains, proves their state with a MIPS zkVM, relays roots.")
public final class EntangledCli implements Runnable {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (used by tests, too). */
  public static int run(String... args) {
    String[] effective = args.length == 0 || args[0].startsWith("--spring") || args[0].startsWith("--server")
        ? prepend("serve", args)
        : args;
    return commandLine().execute(effective);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new EntangledCli());
    cli.addSubcommand("serve", new ServeCommand());
    cli.addSubcommand("zkvm", new CommandLine(new ZkvmCommand()));
    CommandLine verify = new CommandLine(new VerifyCommand());
    verify.addSubcommand(new EthHeaderVerifyCommand());
    verify.addSubcommand(new EthProofVerifyCommand());
    verify.addSubcommand(new BtcHeadersVerifyCommand());
    verify.addSubcommand(new BtcTxOutProofVerifyCommand());
    cli.addSubcommand("verify", verify);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("entangled: " + e.getMessage());
          return 2;
        });
    cli.setParameterExceptionHandler(
        (e, argsGiven) -> {
          e.getCommandLine().getErr().println("entangled: " + e.getMessage());
          e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return 2;
        });
    return cli;
  }

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  private static String[] prepend(String first, String[] rest) {
    String[] out = new String[rest.length + 1];
    out[0] = first;
    System.arraycopy(rest, 0, out, 1, rest.length);
    return out;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = EntangledCli.class.getPackage().getImplementationVersion();
      return new String[] {"entangled " + (v == null ? "(development build)" : v)};
    }
  }
}
