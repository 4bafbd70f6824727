package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.merkle.LeafEncoding;
import io.entangled.zkvm.stark.merkle.Sha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** An AIR: named tables proved together, sharing challenges and buses, and its public value count. */
public record Air(String name, List<TableDef> tables, int publicValueCount) {
  public Air {
    tables = List.copyOf(tables);
    if (tables.isEmpty() || tables.size() > 255) {
      throw new IllegalArgumentException("an AIR needs 1 to 255 tables");
    }
  }

  /** SHA-256 of a canonical description (names, widths, constraints, interactions, fixed columns). */
  public byte[] digest() {
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
