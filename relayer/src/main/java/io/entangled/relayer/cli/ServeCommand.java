package io.entangled.relayer.cli;

import io.entangled.relayer.EntangledApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code entangled serve [--spring.profiles.active=devnet] [--server.port=N] ...}: the service. */
@Command(
    name = "serve",
    description = "Start the relayer service (Spring Boot). Arguments are Spring properties, e.g. --spring.profiles.active=devnet.")
final class ServeCommand implements Callable<Integer> {

  @Unmatched List<String> springArgs = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    try {
      var context = EntangledApplication.start(springArgs.toArray(String[]::new));
      CountDownLatch closed = new CountDownLatch(1);
      context.addApplicationListener(
          (org.springframework.context.ApplicationListener<org.springframework.context.event.ContextClosedEvent>)
              e -> closed.countDown());
      closed.await();
      return 0;
    } catch (RuntimeException e) {
      // Spring Boot has already reported the failure (one analysed report for operator errors).
      return 2;
    }
  }
}
