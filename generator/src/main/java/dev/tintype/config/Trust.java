package dev.tintype.config;

import dev.tintype.sign.AllowedSigners;
import dev.tintype.sign.SigningKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Signing and checking: the key that signs what this side publishes and exports ({@code
 * signing.key}, or the {@code TINTYPE_SIGNING_KEY} environment variable), and the keys whose
 * signatures import and verify accept ({@code trusted-keys}). Printing it shows fingerprints only.
 */
public record Trust(Optional<SigningKey> signingKey, Optional<AllowedSigners> trustedKeys) {
  public static final Trust NONE = new Trust(Optional.empty(), Optional.empty());

  public Trust {
    Objects.requireNonNull(signingKey, "signingKey");
    Objects.requireNonNull(trustedKeys, "trustedKeys");
  }
}
