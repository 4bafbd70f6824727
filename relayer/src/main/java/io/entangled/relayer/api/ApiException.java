package io.entangled.relayer.api;

import org.springframework.http.HttpStatus;

/** A client error with the problem document's status, title and detail. */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final String title;

  public ApiException(HttpStatus status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  public static ApiException notFound(String what, Object id) {
    return new ApiException(HttpStatus.NOT_FOUND, what + " not found", what + " '" + id + "' does not exist");
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }
}
