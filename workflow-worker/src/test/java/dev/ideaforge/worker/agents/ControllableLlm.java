package dev.ideaforge.worker.agents;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The configured model client with a remote control for tests: queue failures for the next calls,
 * or hold a call until the test lets it go.
 */
public final class ControllableLlm implements LlmClient {

  private final LlmClient delegate;
  private final Deque<LlmException> failures = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();
  private volatile CountDownLatch gate;
  private volatile CountDownLatch entered;

  /** Controls the given client (the one {@code ideaforge.llm.provider} selected). */
  public ControllableLlm(LlmClient delegate) {
    this.delegate = delegate;
  }

  /** The next call fails like this (calls after it behave normally). */
  public synchronized ControllableLlm failNext(LlmException failure) {
    failures.add(failure);
    return this;
  }

  /** Holds every following call until {@link #release()}. */
  public synchronized void hold() {
    gate = new CountDownLatch(1);
    entered = new CountDownLatch(1);
  }

  /** Waits until a call is being held. */
  public void awaitHeldCall() throws InterruptedException {
    if (!entered.await(20, TimeUnit.SECONDS)) {
      throw new AssertionError("No model call arrived");
    }
  }

  public void release() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  public synchronized void reset() {
    failures.clear();
    release();
    calls.set(0);
  }

  public int calls() {
    return calls.get();
  }

  @Override
  public LlmReply complete(LlmRequest request) {
    calls.incrementAndGet();
    LlmException failure;
    synchronized (this) {
      failure = failures.poll();
    }
    if (failure != null) {
      throw failure;
    }
    CountDownLatch g = gate;
    if (g != null) {
      entered.countDown();
      try {
        g.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return delegate.complete(request);
  }

  @Override
  public String provider() {
    return delegate.provider();
  }
}
