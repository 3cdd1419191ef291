package dev.tintype.sign;

import java.io.IOException;

/**
 * A signature that is missing, damaged, does not match what it signs, or was made by a key the
 * trusted keys do not list. The message names the signed thing and the key's fingerprint.
 */
public final class SignatureProblem extends IOException {
  public SignatureProblem(String message) {
    super(message);
  }
}
