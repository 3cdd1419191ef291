package dev.tintype.pypi;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.tintype.format.pypi.ProjectName;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the {@code _last-serial} of each project from a PEP 691 project list, as PyPI serves it
 * ({@code {"projects": [{"name": "x", "_last-serial": 1}, ...]}}), streaming, by normalized name.
 * Projects without a serial are left out, so they are fetched. Memory follows the number of
 * projects, not the size of the list (whitespace and unknown keys are skipped as they stream by).
 */
final class RootSerials {
  private static final JsonFactory JSON = new JsonFactory();

  private RootSerials() {}

  /** Gets each listed project's name as upstream spells it, and its serial (-1 for none). */
  interface Listed {
    void project(String name, long serial) throws IOException;
  }

  static Map<String, Long> parse(InputStream body) throws IOException {
    Map<String, Long> out = new HashMap<>();
    read(
        body,
        (name, serial) -> {
          if (serial >= 0) {
            out.put(ProjectName.normalize(name), serial);
          }
        });
    return out;
  }

  /** Streams the project list to {@code listed}, one call per project that has a name. */
  static void read(InputStream body, Listed listed) throws IOException {
    try (JsonParser p = JSON.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        if (!field.equals("projects") || t != JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String name = null;
          long serial = -1;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (key.equals("name") && v == JsonToken.VALUE_STRING) {
              name = p.getText();
            } else if (key.equals("_last-serial") && v == JsonToken.VALUE_NUMBER_INT) {
              serial = p.getLongValue();
            } else {
              p.skipChildren();
            }
          }
          if (name != null) {
            listed.project(name, serial);
          }
        }
      }
    }
  }
}
