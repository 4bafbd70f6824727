package io.entangled.chains.bitcoin.spv;

import io.entangled.chains.bitcoin.Bytes;
import java.util.Arrays;

/** Reads Bitcoin's wire encoding; every read names the field when the data runs out. */
final class ByteReader {
  private final byte[] data;
  private int pos;

  ByteReader(byte[] data) {
    this.data = data;
  }

  int position() {
    return pos;
  }

  int remaining() {
    return data.length - pos;
  }

  private void need(int n, String field) {
    if (n < 0 || data.length - pos < n) {
      throw new MalformedDataException(
          field
              + ": truncated at byte "
              + pos
              + " (need "
              + n
              + ", have "
              + (data.length - pos)
              + ")");
    }
  }

  byte[] bytes(int n, String field) {
    need(n, field);
    byte[] r = Arrays.copyOfRange(data, pos, pos + n);
    pos += n;
    return r;
  }

  void skip(long n, String field) {
    if (n > Integer.MAX_VALUE) {
      throw new MalformedDataException(field + ": length " + n + " too large");
    }
    need((int) n, field);
    pos += (int) n;
  }

  long uint32(String field) {
    need(4, field);
    long v = Integer.toUnsignedLong(Bytes.intLe(data, pos));
    pos += 4;
    return v;
  }

  int uint8(String field) {
    need(1, field);
    return data[pos++] & 0xff;
  }

  /** Bitcoin's CompactSize; rejects non-canonical encodings like Bitcoin Core does. */
  long varInt(String field) {
    int first = uint8(field);
    if (first < 0xfd) {
      return first;
    }
    int len = first == 0xfd ? 2 : first == 0xfe ? 4 : 8;
    need(len, field);
    long v = 0;
    for (int i = len - 1; i >= 0; i--) {
      v = (v << 8) | (data[pos + i] & 0xff);
    }
    pos += len;
    long min = first == 0xfd ? 0xfd : first == 0xfe ? 0x10000L : 0x100000000L;
    if (Long.compareUnsigned(v, min) < 0) {
      throw new MalformedDataException(field + ": non-canonical CompactSize");
    }
    if (v < 0) {
      throw new MalformedDataException(field + ": CompactSize too large");
    }
    return v;
  }
}
