package dev.ideaforge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** application.yml maps JWT_REFRESH_PURGE_INTERVAL with an empty default; compose passes it so. */
class JwtSettingsTest {

  private static JwtSettings bind(String purgeInterval) {
    Binder binder =
        new Binder(
            new MapConfigurationPropertySource(
                Map.of("ideaforge.jwt.refresh-purge-interval", purgeInterval)));
    return binder.bindOrCreate("ideaforge.jwt", Bindable.of(JwtSettings.class));
  }

  @Test
  void anEmptyPurgeIntervalMeansTheDefaultHour() {
    assertThat(bind("").refreshPurgeInterval()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aZeroPurgeIntervalIsKeptToSwitchThePurgeOff() {
    assertThat(bind("0").refreshPurgeInterval()).isZero();
  }
}
