package dev.ideaforge.api.console;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web console at {@code /console/}: static files that the build puts into {@code
 * static/console/} (Vite, from {@code clients/typescript}). It is public, as any page is; what it
 * shows comes from the API with the user's token. It routes by URL fragment, so {@code index.html}
 * is the only page.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfig implements WebMvcConfigurer {

  static final String PATH = "/console/";

  /**
   * Scripts, styles and connections only to this server ({@code 'self'} covers its sockets too):
   * model output shown in the page can neither load nor run anything, nor send a token elsewhere.
   * React sets style properties through the DOM, which needs no inline styles.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self';"
          + " frame-ancestors 'none'";

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/console", PATH);
    registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
  }

  /** Vite names assets by content hash, so they never change under their name. */
  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry
        .addResourceHandler(PATH + "assets/**")
        .addResourceLocations("classpath:/static/console/assets/")
        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
  }

  /** Ahead of the API's chain: the console's pages need no token, and get a strict CSP. */
  @Bean
  @Order(1)
  SecurityFilterChain console(HttpSecurity http) throws Exception {
    http.securityMatcher("/console", PATH + "**")
        .csrf(csrf -> csrf.disable())
        .requestCache(cache -> cache.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY)))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    return http.build();
  }
}
