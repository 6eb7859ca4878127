package dev.ideaforge.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ideaforge.api.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;

class BoundedPasswordEncoderTest {

  /** A hash that takes a while and records how many run at once. */
  static final class SlowEncoder implements PasswordEncoder {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final Duration takes;

    SlowEncoder(Duration takes) {
      this.takes = takes;
    }

    @Override
    public String encode(CharSequence raw) {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(takes.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        running.decrementAndGet();
      }
      return "hash:" + raw;
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
      return encode(raw).equals(encoded);
    }
  }

  @Test
  void aFloodOfHashesRunsAtMostConcurrencyAtOnce() throws Exception {
    SlowEncoder slow = new SlowEncoder(Duration.ofMillis(20));
    PasswordEncoder bounded = new BoundedPasswordEncoder(slow, 2, Duration.ofSeconds(30));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      results.add(pool.submit(() -> bounded.matches("pw", "hash:pw")));
    }
    for (Future<Boolean> r : results) {
      assertThat(r.get()).isTrue();
    }
    pool.shutdown();

    assertThat(slow.mostAtOnce.get()).isEqualTo(2);
  }

  @Test
  void aHashThatFindsNoSlotInTimeIsRefusedWith503() throws Exception {
    SlowEncoder slow = new SlowEncoder(Duration.ofSeconds(2));
    PasswordEncoder bounded = new BoundedPasswordEncoder(slow, 1, Duration.ofMillis(100));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch started = new CountDownLatch(1);
    Future<String> holder =
        pool.submit(
            () -> {
              started.countDown();
              return bounded.encode("first");
            });
    started.await();
    while (slow.running.get() == 0) {
      Thread.sleep(5);
    }

    assertThatThrownBy(() -> bounded.encode("second"))
        .isInstanceOf(ApiException.class)
        .satisfies(
            e -> {
              assertThat(((ApiException) e).status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
              assertThat(((ApiException) e).retryAfterSeconds()).isEqualTo(1L);
            });
    assertThat(holder.get()).isEqualTo("hash:first");
    pool.shutdown();
  }
}
