package dev.ideaforge.api.realtime;

import dev.ideaforge.api.auth.TokenService;
import dev.ideaforge.api.messages.ChatSettings;
import dev.ideaforge.api.messages.JobMessageService;
import dev.ideaforge.api.web.CorsSettings;
import dev.ideaforge.model.events.JobEventLog;
import dev.ideaforge.model.jobs.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The job socket endpoint. Browsers must come from an allowed origin (exact match against {@code
 * CORS_ALLOWED_ORIGINS}); clients that send no Origin (servers, CLIs) are let through.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class WebSocketConfig implements WebSocketConfigurer {

  private final JobSocketHandler handler;
  private final JobSocketHandshake handshake;
  private final CorsSettings cors;
  private final WebSocketSettings settings;

  WebSocketConfig(
      JobSockets sockets,
      JobRepository jobs,
      JobEventLog events,
      JobMessageService messages,
      WebSocketSettings settings,
      ChatSettings chat,
      TokenService tokens,
      CorsSettings cors) {
    this.handler = new JobSocketHandler(sockets, jobs, events, messages, settings, chat);
    this.handshake = new JobSocketHandshake(tokens, events, settings);
    this.cors = cors;
    this.settings = settings;
  }

  @Override
  public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
    registry
        .addHandler(handler, "/ws/jobs/{jobId}/", "/ws/jobs/{jobId}")
        .addInterceptors(handshake)
        .setHandshakeHandler(handshakeHandler())
        .setAllowedOrigins(cors.allowedOrigins().toArray(String[]::new));
  }

  /**
   * Answers a browser that offered its token as a subprotocol with {@link
   * JobSocketHandshake#PROTOCOL} (a browser drops a socket whose answer names none it offered);
   * clients that offer no subprotocol get none.
   */
  private static DefaultHandshakeHandler handshakeHandler() {
    DefaultHandshakeHandler handler = new DefaultHandshakeHandler();
    handler.setSupportedProtocols(JobSocketHandshake.PROTOCOL);
    return handler;
  }

  /**
   * Frames above the limit close the socket with 1009 (message too big). Tomcat allocates both
   * buffers for every session up front; the protocol has no binary messages, so that one stays
   * small (16 KiB less per idle socket).
   */
  @Bean
  ServletServerContainerFactoryBean webSocketContainer() {
    ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
    container.setMaxTextMessageBufferSize(settings.maxMessageBytes());
    container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
    return container;
  }

  /** Binary frames are refused whatever their size; this only has to hold a small one. */
  static final int BINARY_BUFFER_BYTES = 256;
}
