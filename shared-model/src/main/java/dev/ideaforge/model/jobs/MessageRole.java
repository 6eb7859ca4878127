package dev.ideaforge.model.jobs;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who wrote a chat message. */
public enum MessageRole {
  USER,
  AGENT,
  SYSTEM;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<MessageRole> parse(String value) {
    return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst();
  }

  @Converter(autoApply = true)
  static class DbConverter implements AttributeConverter<MessageRole, String> {
    @Override
    public String convertToDatabaseColumn(MessageRole role) {
      return role == null ? null : role.value();
    }

    @Override
    public MessageRole convertToEntityAttribute(String value) {
      return value == null
          ? null
          : parse(value).orElseThrow(() -> new IllegalStateException("Unknown role " + value));
    }
  }
}
