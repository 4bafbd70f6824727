package io.entangled.zkvm.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds external tools and the example guests built by {@code zkvm/guests/build.sh}. With the
 * environment variable {@code CI} set a missing one fails the test, otherwise it skips it.
 */
public final class Guests {
  private Guests() {}

  /** Folder holding the built guest ELFs: {@code zkvm.guests.dir}, else the build folder's guests/. */
  public static Path dir() {
    String explicit = System.getProperty("zkvm.guests.dir");
    if (explicit != null) {
      return Path.of(explicit);
    }
    return Path.of(System.getProperty("zkvm.build.dir", "target"), "guests");
  }

  /** The guest {@code name}.elf, or a failed/skipped test saying what to install. */
  public static Path elf(String name, String tool) {
    Path p = dir().resolve(name + ".elf");
    require(Files.isRegularFile(p),
        p + " is missing: install " + tool + " and build (zkvm/guests/build.sh runs in "
            + "generate-test-resources)");
    return p;
  }

  /** Path of an executable on PATH, or a failed/skipped test naming the Debian package. */
  public static Path tool(String name, String debianPackage) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    require(false, name + " not found on PATH: install the Debian package " + debianPackage);
    return null;
  }

  private static void require(boolean ok, String message) {
    if (!ok && System.getenv("CI") != null) {
      fail(message);
    }
    assumeTrue(ok, message);
  }
}
