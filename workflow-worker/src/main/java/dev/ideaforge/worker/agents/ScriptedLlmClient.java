package dev.ideaforge.worker.agents;

import java.time.Duration;

/**
 * The offline provider: deterministic agents that need no network. The interviewer really
 * interviews (it asks what the idea leaves open and summarises the user's own answers), and the
 * executives argue from those requirements, so the whole product is usable and testable offline.
 */
final class ScriptedLlmClient implements LlmClient {

  static final String MODEL = "scripted-v1";

  private final Duration delay;

  ScriptedLlmClient(Duration delay) {
    this.delay = delay;
  }

  @Override
  public String provider() {
    return "scripted";
  }

  @Override
  public LlmReply complete(LlmRequest request) {
    long started = System.nanoTime();
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LlmException("Interrupted while thinking", true, e);
      }
    }
    String content =
        switch (request.agent()) {
          case CLIENT_RELATIONS -> ScriptedInterviewer.reply(request.messages());
          case CEO, CTO -> ScriptedExecutives.discuss(request.agent(), request.last().content());
          case SECRETARY -> ScriptedExecutives.writePrd(request.last().content());
        };
    long promptChars = request.systemPrompt().length();
    for (LlmRequest.LlmMessage m : request.messages()) {
      promptChars += m.content().length();
    }
    // Roughly what a tokenizer would count (4 characters a token), so usage totals mean something.
    return new LlmReply(
        content,
        provider(),
        MODEL,
        (promptChars + 3) / 4,
        (content.length() + 3) / 4,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
  }
}
