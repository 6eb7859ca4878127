package dev.ideaforge.api.web;

/**
 * Names the controllers' OpenAPI annotations share with {@link OpenApiConfig}. An error response
 * that names no schema is {@code ErrorDetail} ({@code {"detail": "..."}}).
 */
public final class ApiDocs {

  /** {@code {"field": ["message"]}}: the fields of a request that were invalid. */
  public static final String FIELD_ERRORS = "#/components/schemas/" + OpenApiConfig.FIELD_ERRORS;

  /** A stored job event, one of its kinds. */
  public static final String JOB_EVENT = "#/components/schemas/" + OpenApiConfig.JOB_EVENT;

  private ApiDocs() {}
}
