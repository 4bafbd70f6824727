package io.entangled.zkvm.stark.air;

import io.entangled.zkvm.stark.field.Ext;

/** Evaluates an expression at one point where every variable has an extension value (verifier). */
public record PointEvaluator(Ext[] main, Ext[] mainNext, Ext[] pre, Ext[] preNext, Ext[] aux,
    Ext[] auxNext, Ext[] challenges, long[] publics, Ext[] claimed) {

  public Ext eval(Expr e) {
    return switch (e) {
      case Expr.Const c -> Ext.of(c.value());
      case Expr.Var v -> value(v);
      case Expr.Add x -> eval(x.a()).add(eval(x.b()));
      case Expr.Sub x -> eval(x.a()).sub(eval(x.b()));
      case Expr.Mul x -> eval(x.a()).mul(eval(x.b()));
    };
  }

  private Ext value(Expr.Var v) {
    return switch (v.source()) {
      case MAIN -> (v.next() ? mainNext : main)[v.index()];
      case PREPROCESSED -> (v.next() ? preNext : pre)[v.index()];
      case AUX -> (v.next() ? auxNext : aux)[v.index()];
      case CHALLENGE -> challenges[v.index()];
      case PUBLIC -> Ext.of(publics[v.index()]);
      case CLAIMED_SUM -> claimed[v.index()];
    };
  }
}
