package dev.ideaforge.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaTest {

  @Test
  void countsPerDurationAreParsed() {
    assertThat(Quota.parse("30/5m")).isEqualTo(new Quota(30, Duration.ofMinutes(5)));
    assertThat(Quota.parse(" 10 / 1h ")).isEqualTo(new Quota(10, Duration.ofHours(1)));
    assertThat(Quota.parse("5/PT30S")).isEqualTo(new Quota(5, Duration.ofSeconds(30)));
  }

  @Test
  void offSwitchesALimitOffAndBlankMeansTheDefault() {
    assertThat(Quota.parse("off").isOff()).isTrue();
    assertThat(Quota.parse("OFF").isOff()).isTrue();
    assertThat(Quota.parse("")).isNull();
    assertThat(Quota.parse(null)).isNull();
  }

  @Test
  void anythingElseIsAClearError() {
    for (String bad : new String[] {"30", "/5m", "30/", "x/5m", "30/soon", "-1/5m", "3/0s"}) {
      assertThatThrownBy(() -> Quota.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("<count>/<duration>");
    }
  }

  @Test
  void defaultsAreWrittenInTheSettingsRecord() {
    LimitSettings defaults =
        new LimitSettings(null, null, null, null, null, null, null, null, null);
    assertThat(defaults.loginPerIp()).hasToString("30/5m");
    assertThat(defaults.registerPerIp()).hasToString("10/1h");
    assertThat(defaults.maxUnfinishedJobsPerUser()).isEqualTo(10);
    assertThat(defaults.passwordHashConcurrency()).isPositive();
  }
}
