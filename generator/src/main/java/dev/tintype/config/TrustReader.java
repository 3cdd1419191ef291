package dev.tintype.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.KeyException;
import dev.tintype.sign.SigningKey;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code signing.key} and {@code trusted-keys}, and loads both at once, so that a key tintype
 * cannot use stops the run before it starts. A configured {@code signing.key} wins over the {@code
 * TINTYPE_SIGNING_KEY} environment variable: the file written down is the one used.
 */
final class TrustReader {
  private final ConfigLoader loader;

  TrustReader(ConfigLoader loader) {
    this.loader = loader;
  }

  Trust read(JsonNode root, Path base, Map<String, String> env) throws ConfigException {
    String source = loader.source();
    Optional<SigningKey> key = Optional.empty();
    JsonNode signing = root.get("signing");
    if (signing != null) {
      loader.object(signing, "signing", Set.of("key"));
      Path file =
          base.resolve(loader.text(loader.required(signing, "key", "signing."), "signing.key"));
      key = Optional.of(load(() -> SigningKey.load(file.normalize()), "signing.key"));
    } else {
      String text = env.get(ConfigLoader.SIGNING_KEY_ENV);
      if (text != null && !text.isBlank()) {
        key =
            Optional.of(
                load(
                    () ->
                        SigningKey.parse(
                            text, "the signing key in $" + ConfigLoader.SIGNING_KEY_ENV),
                    ConfigLoader.SIGNING_KEY_ENV));
      }
    }
    Optional<AllowedSigners> trusted = Optional.empty();
    if (root.has("trusted-keys")) {
      Path file = base.resolve(loader.text(root.get("trusted-keys"), "trusted-keys")).normalize();
      trusted = Optional.of(load(() -> AllowedSigners.load(file), "trusted-keys"));
    }
    return new Trust(key, trusted);
  }

  private interface Load<T> {
    T get() throws KeyException;
  }

  private <T> T load(Load<T> l, String key) throws ConfigException {
    try {
      return l.get();
    } catch (KeyException e) {
      throw new ConfigException(loader.source() + ": " + key + ": " + e.getMessage(), e);
    }
  }
}
