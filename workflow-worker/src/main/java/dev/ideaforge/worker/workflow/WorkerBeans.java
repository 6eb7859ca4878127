package dev.ideaforge.worker.workflow;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WorkerBeans {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
