package dev.ideaforge.api.auth;

import dev.ideaforge.api.limits.LimitSettings;
import dev.ideaforge.api.web.CorsSettings;
import dev.ideaforge.api.web.JsonResponses;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/** Stateless bearer-token security; every error is JSON in DRF's shape. */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

  @Bean
  SecurityFilterChain api(HttpSecurity http, TokenService tokens, ManagementSettings management)
      throws Exception {
    http.csrf(csrf -> csrf.disable())
        .cors(cors -> {})
        .httpBasic(basic -> basic.disable())
        .formLogin(form -> form.disable())
        .logout(logout -> logout.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(HttpMethod.OPTIONS, "/**")
                    .permitAll()
                    .requestMatchers(
                        "/api/auth/register/",
                        "/api/auth/login/",
                        "/api/auth/token/refresh/",
                        "/api/auth/logout/")
                    .permitAll()
                    .requestMatchers("/ws/**")
                    .permitAll()
                    // Probes answer anyone, with the status only (show-details: when-authorized).
                    .requestMatchers("/actuator/health/**", "/actuator/health")
                    .permitAll()
                    .requestMatchers("/actuator/**")
                    .hasRole(ManagementTokenFilter.ROLE)
                    // Served only where API_DOCS_ENABLED is on (dev by default); public there.
                    .requestMatchers(
                        "/v3/api-docs/**",
                        "/v3/api-docs",
                        "/swagger-ui/**",
                        "/swagger-ui.html",
                        "/error")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                        (request, response, ex) -> {
                          response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"api\"");
                          JsonResponses.writeDetail(
                              response,
                              HttpStatus.UNAUTHORIZED,
                              "Authentication credentials were not provided.");
                        })
                    .accessDeniedHandler(
                        (request, response, ex) ->
                            JsonResponses.writeDetail(
                                response,
                                HttpStatus.FORBIDDEN,
                                "You do not have permission to perform this action.")))
        .addFilterBefore(
            new JwtAuthenticationFilter(tokens), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(new ManagementTokenFilter(management), JwtAuthenticationFilter.class);
    return http.build();
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource(CorsSettings settings) {
    CorsConfiguration config = new CorsConfiguration();
    config.setAllowedOrigins(settings.allowedOrigins());
    config.setAllowedMethods(List.of("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"));
    config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
    config.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", config);
    return source;
  }

  /**
   * Argon2id with Spring Security's current recommended parameters, a few hashes at a time so that
   * a login flood cannot take every core.
   */
  @Bean
  PasswordEncoder passwordEncoder(LimitSettings limits) {
    return new BoundedPasswordEncoder(
        Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
        limits.passwordHashConcurrency(),
        limits.passwordHashWait());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
