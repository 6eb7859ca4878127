package dev.ideaforge.api.auth;

import dev.ideaforge.api.web.ApiException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Computes at most {@code concurrency} password hashes at once. Argon2 is meant to be expensive:
 * unbounded, a flood of logins takes every core and every other request slows down with it. A
 * request that finds no free slot within {@code wait} is answered 503 with {@code Retry-After}.
 */
final class BoundedPasswordEncoder implements PasswordEncoder {

  static final String BUSY = "Too many sign-ins at once; please retry in a moment.";

  private final PasswordEncoder delegate;
  private final Semaphore slots;
  private final Duration wait;

  BoundedPasswordEncoder(PasswordEncoder delegate, int concurrency, Duration wait) {
    this.delegate = delegate;
    this.slots = new Semaphore(concurrency, true);
    this.wait = wait;
  }

  @Override
  public String encode(CharSequence rawPassword) {
    acquire();
    try {
      return delegate.encode(rawPassword);
    } finally {
      slots.release();
    }
  }

  @Override
  public boolean matches(CharSequence rawPassword, String encodedPassword) {
    acquire();
    try {
      return delegate.matches(rawPassword, encodedPassword);
    } finally {
      slots.release();
    }
  }

  @Override
  public boolean upgradeEncoding(String encodedPassword) {
    return delegate.upgradeEncoding(encodedPassword);
  }

  private void acquire() {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw ApiException.busy(BUSY, Duration.ofSeconds(1));
    }
  }
}
