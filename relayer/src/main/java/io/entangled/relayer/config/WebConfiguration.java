package io.entangled.relayer.config;

import io.entangled.relayer.api.BearerTokenInterceptor;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the bearer-token guard in front of the API's mutating endpoints. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {
  private final RelayerSettings settings;

  public WebConfiguration(RelayerSettings settings) {
    this.settings = settings;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new BearerTokenInterceptor(settings.apiToken())).addPathPatterns("/api/**");
  }
}
