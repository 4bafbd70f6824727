package io.entangled.relayer;

import io.entangled.relayer.config.EntangledProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/** The relayer service: Quartz jobs, REST API and metrics over PostgreSQL. */
@SpringBootApplication
@EnableConfigurationProperties(EntangledProperties.class)
public class EntangledApplication {

  /** Starts the service; the returned context is running until closed. */
  public static ConfigurableApplicationContext start(String... args) {
    SpringApplication app = new SpringApplication(EntangledApplication.class);
    return app.run(args);
  }
}
