package dev.ideaforge.api.web;

import io.swagger.v3.oas.annotations.media.Schema;

/** A message-only answer, in DRF's shape: {@code {"detail": "..."}}. */
@Schema(name = "DetailResponse")
public record DetailJson(String detail) {}
