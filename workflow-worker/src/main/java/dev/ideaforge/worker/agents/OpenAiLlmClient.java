package dev.ideaforge.worker.agents;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.CompletionUsage;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Ollama, vLLM, llama.cpp server) through
 * the official openai-java client. A request with {@link LlmRequest#structuredAs} asks for
 * structured output ({@code responseFormat(Class)}, a strict JSON schema of the record); an
 * endpoint that refuses it is asked for plain text instead, for good. The client's own retries are
 * off: Temporal retries the activity, with backoff, and knows which failures are worth retrying
 * from {@link LlmException#isRetryable}.
 */
final class OpenAiLlmClient implements LlmClient {

  /** Status codes that time may cure: timeouts, conflicts, rate limits and server errors. */
  private static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 409, 425, 429);

  /**
   * What an endpoint without structured outputs answers when asked for them (a bad request, or a
   * route or field it does not know).
   */
  private static final Set<Integer> STRUCTURED_REFUSED_STATUS = Set.of(400, 404, 415, 422, 501);

  private static final Logger log = LoggerFactory.getLogger(OpenAiLlmClient.class);

  private final OpenAIClient client;
  private final LlmSettings settings;

  /** The endpoint refused a structured-output request once: ask it for free text from then on. */
  private final AtomicBoolean structuredOutputsRefused = new AtomicBoolean();

  OpenAiLlmClient(LlmSettings settings) {
    this.settings = settings;
    this.client =
        OpenAIOkHttpClient.builder()
            .baseUrl(settings.baseUrl())
            // Local servers (Ollama, llama.cpp) need no key, but the client insists on one.
            .apiKey(settings.apiKey().isBlank() ? "not-needed" : settings.apiKey())
            .maxRetries(0)
            .timeout(settings.timeout())
            .build();
  }

  @Override
  public String provider() {
    return "openai";
  }

  @Override
  public LlmReply complete(LlmRequest request) {
    if (request.structuredAs() != null && !structuredOutputsRefused.get()) {
      try {
        return call(
            () ->
                client
                    .chat()
                    .completions()
                    .create(params(request).responseFormat(request.structuredAs()).build())
                    .rawChatCompletion());
      } catch (LlmException e) {
        if (!(e.getCause() instanceof OpenAIServiceException refused)
            || !STRUCTURED_REFUSED_STATUS.contains(refused.statusCode())) {
          throw e;
        }
        // Perhaps the endpoint does not do structured outputs (many local servers): ask for free
        // text, which the caller parses leniently. Only when that works was the structured
        // request the problem; then stop asking this endpoint for them. A refusal plain text gets
        // too (a prompt over the context length, an unknown model) changes nothing.
        LlmReply reply = plainText(request);
        if (structuredOutputsRefused.compareAndSet(false, true)) {
          log.info(
              "The model endpoint refused structured output ({}); asking for plain JSON text from"
                  + " now on",
              e.getMessage());
        }
        return reply;
      }
    }
    return plainText(request);
  }

  private LlmReply plainText(LlmRequest request) {
    return call(() -> client.chat().completions().create(params(request).build()));
  }

  private ChatCompletionCreateParams.Builder params(LlmRequest request) {
    ChatCompletionCreateParams.Builder params =
        ChatCompletionCreateParams.builder()
            .model(settings.modelFor(request.agent()))
            .temperature(settings.temperature())
            .addSystemMessage(request.systemPrompt());
    for (LlmRequest.LlmMessage message : request.messages()) {
      switch (message.role()) {
        case USER -> params.addUserMessage(message.content());
        case ASSISTANT -> params.addAssistantMessage(message.content());
      }
    }
    return params;
  }

  private LlmReply call(Supplier<ChatCompletion> request) {
    long started = System.nanoTime();
    ChatCompletion completion;
    try {
      completion = request.get();
    } catch (OpenAIServiceException e) {
      int status = e.statusCode();
      boolean retryable = status >= 500 || RETRYABLE_STATUS.contains(status);
      throw new LlmException(
          "The language model endpoint answered HTTP " + status + describe(e), retryable, e);
    } catch (OpenAIIoException e) {
      throw new LlmException(
          "The language model endpoint could not be reached: " + e.getMessage(), true, e);
    }
    long latencyMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
    String content =
        completion.choices().isEmpty()
            ? ""
            : completion.choices().get(0).message().content().orElse("");
    if (content.isBlank()) {
      // An empty completion is a hiccup of the model, not the agent's words: try again.
      throw new LlmException("The language model returned an empty answer", true, null);
    }
    long promptTokens = completion.usage().map(CompletionUsage::promptTokens).orElse(0L);
    long completionTokens = completion.usage().map(CompletionUsage::completionTokens).orElse(0L);
    return new LlmReply(
        content.strip(), provider(), completion.model(), promptTokens, completionTokens, latencyMs);
  }

  private static String describe(OpenAIServiceException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? "" : ": " + abbreviate(message);
  }

  private static String abbreviate(String text) {
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
