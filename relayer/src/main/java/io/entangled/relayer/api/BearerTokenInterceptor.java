package io.entangled.relayer.api;

import io.entangled.relayer.config.ApiToken;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Guards every mutating API call: it needs {@code Authorization: Bearer <token>} matching the
 * configured token; with no token configured, mutating endpoints are disabled.
 */
public final class BearerTokenInterceptor implements HandlerInterceptor {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
  private final Optional<ApiToken> token;

  public BearerTokenInterceptor(Optional<ApiToken> token) {
    this.token = token;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (SAFE.contains(request.getMethod())) {
      return true;
    }
    if (token.isEmpty()) {
      throw new ApiException(
          HttpStatus.FORBIDDEN,
          "Mutating endpoints disabled",
          "no API token is configured (set the environment variable named by entangled.api.token-env)");
    }
    String header = request.getHeader("Authorization");
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    if (!token.get().matches(presented)) {
      throw new ApiException(
          HttpStatus.UNAUTHORIZED, "Unauthorized", "a valid bearer token is required for this request");
    }
    return true;
  }
}
