package io.entangled.chains.bitcoin.source;

import io.entangled.chains.bitcoin.BitcoinHeader;
import io.entangled.chains.bitcoin.Bytes;
import io.entangled.chains.bitcoin.DoubleSha256;
import io.entangled.chains.spi.ChainSourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A file of concatenated 80-byte headers, the first at {@code firstHeight}: for replaying real
 * history. The file is read again when its size changes, so appending to it extends the chain.
 */
public final class HeaderFileSource implements HeaderSource {
  private final Path file;
  private final long firstHeight;
  private byte[] data = new byte[0];
  private long loadedSize = -1;

  public HeaderFileSource(Path file, long firstHeight) {
    this.file = file;
    this.firstHeight = firstHeight;
  }

  private synchronized byte[] data() {
    try {
      long size = Files.size(file);
      if (size != loadedSize) {
        if (size % BitcoinHeader.SIZE != 0) {
          throw new ChainSourceException(
              "header file " + file + " is " + size + " bytes, not a multiple of 80");
        }
        data = Files.readAllBytes(file);
        loadedSize = size;
      }
      return data;
    } catch (IOException e) {
      throw new ChainSourceException(
          "header file " + file + " cannot be read: " + e.getClass().getSimpleName(), e);
    }
  }

  @Override
  public long tipHeight() {
    int count = data().length / BitcoinHeader.SIZE;
    if (count == 0) {
      throw new ChainSourceException("header file " + file + " is empty");
    }
    return firstHeight + count - 1;
  }

  @Override
  public Optional<byte[]> blockHash(long height) {
    byte[] d = data();
    long index = height - firstHeight;
    if (index < 0 || index >= d.length / BitcoinHeader.SIZE) {
      return Optional.empty();
    }
    return Optional.of(Bytes.reversed(new DoubleSha256().hash(d, (int) index * 80, 80)));
  }

  @Override
  public List<byte[]> headers(long from, long to) {
    byte[] d = data();
    if (from < firstHeight || to - firstHeight >= d.length / BitcoinHeader.SIZE) {
      throw new ChainSourceException(
          "header file "
              + file
              + " holds heights "
              + firstHeight
              + ".."
              + (firstHeight + d.length / 80 - 1)
              + ", not "
              + from
              + ".."
              + to);
    }
    List<byte[]> out = new ArrayList<>();
    for (long h = from; h <= to; h++) {
      int off = (int) (h - firstHeight) * 80;
      out.add(Arrays.copyOfRange(d, off, off + 80));
    }
    return out;
  }
}
