package io.entangled.chains.ethereum;

/** A JSON answer or file lacks a field, or holds one that is not what it must be. */
public final class MalformedFieldException extends RuntimeException {
  private final String field;

  public MalformedFieldException(String field, String detail) {
    super("field '" + field + "' " + detail);
    this.field = field;
  }

  /** The field's name as it appears in the JSON. */
  public String field() {
    return field;
  }
}
