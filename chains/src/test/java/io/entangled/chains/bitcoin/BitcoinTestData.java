package io.entangled.chains.bitcoin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Loads the copies of the shared mainnet data (see src/test/resources/bitcoin/SOURCES.md). */
public final class BitcoinTestData {
  public static final long FIRST_HEIGHT = 822_528;
  public static final int HEADER_COUNT = 8_065;

  private BitcoinTestData() {}

  /** A resource under {@code bitcoin/}. */
  public static byte[] resource(String name) {
    try (InputStream in = BitcoinTestData.class.getResourceAsStream("/bitcoin/" + name)) {
      return Objects.requireNonNull(in, "missing test resource bitcoin/" + name).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 8,065 contiguous mainnet headers 822528..830592, concatenated. */
  public static byte[] mainnetHeaders() {
    return resource("headers_0822528_0830592.bin");
  }

  /** The 80 bytes of header {@code index} (0 = height 822528) in {@code all}. */
  public static byte[] header(byte[] all, int index) {
    return Arrays.copyOfRange(all, index * 80, index * 80 + 80);
  }

  /** Rows of a two-column CSV with a header line: height and hex. */
  public static List<String[]> csv(String name) {
    String text = new String(resource(name), StandardCharsets.US_ASCII);
    List<String[]> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && Character.isDigit(l.charAt(0))) {
        rows.add(l.split(","));
      }
    }
    return rows;
  }

  /** The full block 830000. */
  public static byte[] block830000() {
    return resource("blocks/0830000.bin");
  }
}
