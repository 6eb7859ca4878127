package dev.ideaforge.worker;

import dev.ideaforge.model.SharedModelConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/** The workflow-worker: hosts the job workflow and the agents' activities. */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import(SharedModelConfiguration.class)
public class WorkerApplication {

  public static void main(String[] args) {
    SpringApplication.run(WorkerApplication.class, args);
  }
}
