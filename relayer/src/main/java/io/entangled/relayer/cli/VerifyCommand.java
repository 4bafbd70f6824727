package io.entangled.relayer.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code entangled verify ...}: the chains module's offline verifiers, without Spring or a database. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = "Verify chain data offline: Ethereum headers and eth_getProof answers, Bitcoin headers and txout proofs.")
final class VerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("verify: missing subcommand");
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }
}
