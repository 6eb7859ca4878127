package dev.ideaforge.api.web;

/** Names the controllers' OpenAPI annotations share with {@link OpenApiConfig}. */
public final class ApiDocs {

  /** {@code {"detail": "..."}}: every error that is not about a field. */
  public static final String ERROR_DETAIL = "#/components/schemas/" + OpenApiConfig.ERROR_DETAIL;

  /** {@code {"field": ["message"]}}: the fields of a request that were invalid. */
  public static final String FIELD_ERRORS = "#/components/schemas/" + OpenApiConfig.FIELD_ERRORS;

  /** A stored job event, one of its kinds. */
  public static final String JOB_EVENT = "#/components/schemas/" + OpenApiConfig.JOB_EVENT;

  private ApiDocs() {}
}
