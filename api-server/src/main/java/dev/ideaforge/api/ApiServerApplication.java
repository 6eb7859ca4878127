package dev.ideaforge.api;

import dev.ideaforge.model.SharedModelConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The api-server: accounts, REST, and the WebSocket relay of job events. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SharedModelConfiguration.class)
public class ApiServerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ApiServerApplication.class, args);
  }
}
