package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.merkle.LeafEncoding;
import io.entangled.zkvm.stark.merkle.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An AIR: named tables proved together, sharing challenges and buses, and its public value count.
 * Immutable; its digest is computed once.
 */
public final class Air {
  private final String name;
  private final List<TableDef> tables;
  private final int publicValueCount;
  private volatile byte[] digest;

  public Air(String name, List<TableDef> tables, int publicValueCount) {
    this.name = name;
    this.tables = List.copyOf(tables);
    this.publicValueCount = publicValueCount;
    if (this.tables.isEmpty() || this.tables.size() > 255) {
      throw new IllegalArgumentException("an AIR needs 1 to 255 tables");
    }
  }

  public String name() {
    return name;
  }

  public List<TableDef> tables() {
    return tables;
  }

  public int publicValueCount() {
    return publicValueCount;
  }

  /** SHA-256 of a canonical description (names, widths, constraints, interactions, fixed columns). */
  public byte[] digest() {
    byte[] d = digest;
    if (d == null) {
      d = computeDigest();
      digest = d;
    }
    return d.clone();
  }

  private byte[] computeDigest() {
    StringBuilder sb = new StringBuilder("air:").append(name).append(';').append(publicValueCount);
    ByteArrayOutputStream fixed = new ByteArrayOutputStream();
    for (TableDef t : tables) {
      sb.append("|table:").append(t.name()).append(';').append(t.mainWidth()).append(';')
          .append(t.preprocessedWidth());
      for (Constraint c : t.constraints()) {
        sb.append("|c:").append(c.kind()).append(':').append(c.expr().canonical());
      }
      for (Interaction i : t.interactions()) {
        sb.append("|i:").append(i.bus()).append(i.send() ? ":send:" : ":recv:")
            .append(i.multiplicity().canonical());
        i.values().forEach(v -> sb.append(',').append(v.canonical()));
      }
      for (long[] col : t.preprocessed()) {
        fixed.writeBytes(LeafEncoding.hashValues(col));
      }
    }
    fixed.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    return Sha256.hash(fixed.toByteArray());
  }
}
