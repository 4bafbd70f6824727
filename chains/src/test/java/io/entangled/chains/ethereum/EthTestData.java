package io.entangled.chains.ethereum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads the copies of the official and real-chain Ethereum data under {@code resources/ethereum}. */
public final class EthTestData {
  public static final ObjectMapper JSON = new ObjectMapper();

  private EthTestData() {}

  /** A resource under {@code ethereum/} as a path. */
  public static Path path(String relative) {
    try {
      return Path.of(EthTestData.class.getResource("/ethereum/" + relative).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource ethereum/" + relative + " is missing", e);
    }
  }

  /** A JSON resource under {@code ethereum/}. */
  public static JsonNode json(String relative) {
    try (InputStream in = Files.newInputStream(path(relative))) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code result} of the response line ({@code <<}) of an execution-apis {@code .io} file. */
  public static JsonNode ioResult(String relative) {
    try {
      for (String line : Files.readAllLines(path(relative), StandardCharsets.UTF_8)) {
        if (line.startsWith("<< ")) {
          return JSON.readTree(line.substring(3)).get("result");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(relative + " has no response line");
  }

  /** File names in a resource folder, sorted. */
  public static List<String> list(String folder) {
    try (Stream<Path> files = Files.list(path(folder))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
