package io.entangled.zkvm.prover.air;

import io.entangled.zkvm.prover.chips.AluOp;
import io.entangled.zkvm.prover.chips.BitsChip;
import io.entangled.zkvm.prover.chips.Chip;
import io.entangled.zkvm.prover.chips.LogicChip;
import io.entangled.zkvm.prover.chips.MemOpChip;
import io.entangled.zkvm.prover.chips.MulDivChip;
import io.entangled.zkvm.prover.chips.ShiftChip;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The chip tables of the MIPS AIR and which chip proves each op. */
public final class ChipSet {
  private final List<Chip> chips;
  private final Map<AluOp, Integer> byOp = new EnumMap<>(AluOp.class);

  public ChipSet(List<Chip> chips) {
    this.chips = List.copyOf(chips);
    for (int i = 0; i < this.chips.size(); i++) {
      for (AluOp op : this.chips.get(i).ops()) {
        if (byOp.put(op, i) != null) {
          throw new IllegalArgumentException("two chips prove " + op);
        }
      }
    }
  }

  /** Every chip this build has. */
  public static ChipSet standard() {
    List<Chip> all = new java.util.ArrayList<>(MulDivChip.chips());
    all.add(new ShiftChip());
    all.add(new MemOpChip());
    all.add(new LogicChip());
    all.add(new BitsChip());
    return new ChipSet(all);
  }

  public List<Chip> chips() {
    return chips;
  }

  /** Index of the chip proving op, or -1. */
  public int chipOf(AluOp op) {
    return byOp.getOrDefault(op, -1);
  }

  /** Whether an instruction's op (if any) has a chip. */
  public boolean covers(Decoded d) {
    return d.op() == null || byOp.containsKey(d.op());
  }
}
