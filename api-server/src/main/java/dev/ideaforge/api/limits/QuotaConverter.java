package dev.ideaforge.api.limits;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Binds settings such as {@code RATE_LIMIT_LOGIN_PER_IP=30/5m} to a {@link Quota}. */
@Component
@ConfigurationPropertiesBinding
class QuotaConverter implements Converter<String, Quota> {

  @Override
  public Quota convert(String source) {
    return Quota.parse(source);
  }
}
