package io.entangled.chains.ethereum;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a file holding a JSON-RPC result, or a whole JSON-RPC response whose result it takes. */
public final class JsonAnswerFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonAnswerFile() {}

  /**
   * The result object.
   *
   * @param option the command-line name of the file, for messages
   * @throws IllegalArgumentException when the file is unreadable, not JSON, or holds no result
   */
  public static JsonNode read(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + " " + file + " is not a readable file");
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(option + " " + file + " is not JSON: "
          + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(option + " " + file + " does not hold a JSON object");
    }
    if (root.has("jsonrpc") || root.has("result") || root.has("error")) {
      if (root.has("error")) {
        throw new IllegalArgumentException("field 'error' of " + file + ": the response is an error: "
            + root.get("error"));
      }
      JsonNode result = root.get("result");
      if (result == null || !result.isObject()) {
        throw new IllegalArgumentException("field 'result' of " + file + " is missing, null or not an object");
      }
      return result;
    }
    return root;
  }
}
