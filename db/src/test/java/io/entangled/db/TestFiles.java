package io.entangled.db;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * File helpers for tests and test harnesses that own a temporary folder (the embedded PostgreSQL
 * data folder, a node's log folder). Public: the relayer's tests use it through this module's
 * test-jar.
 */
public final class TestFiles {
  private TestFiles() {}

  /**
   * Deletes {@code path} and everything under it, without following links. Best effort: a path
   * that is already gone is fine, and anything that cannot be deleted is left behind silently, so
   * that cleaning up never hides a test's own result.
   */
  public static void deleteRecursively(Path path) {
    if (path == null) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              deleteQuietly(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
              deleteQuietly(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) {
              deleteQuietly(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      // the visitor never throws
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover in the temp folder is harmless
    }
  }
}
