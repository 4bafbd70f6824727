package io.entangled.chains;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File helpers for test harnesses that own a temporary folder (a node's data or log folder). */
public final class TestFiles {
  private TestFiles() {}

  /**
   * Deletes {@code path} and everything under it, deepest first, without following links. Best
   * effort: a missing path is fine and what cannot be deleted stays, so that cleaning up never
   * hides a test's own result.
   */
  public static void deleteRecursively(Path path) {
    if (path == null || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | java.io.UncheckedIOException e) {
      // a leftover in the temp folder is harmless
    }
  }
}
