package dev.ideaforge.model;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Brings the shared entities, repositories, event log and settings into an application. Both the
 * api-server and the worker import it, so they read and write the same rows the same way.
 *
 * <p>{@code @AutoConfigurationPackage} adds this package to the ones Boot scans for entities and
 * repositories, next to the application's own.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
@ConfigurationPropertiesScan
public class SharedModelConfiguration {}
