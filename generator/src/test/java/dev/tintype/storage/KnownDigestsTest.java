package dev.tintype.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KnownDigestsTest {
  private static final String SHA = "a".repeat(64);
  private static final String MD5 = "b".repeat(32);

  @Test
  void digestsThatAreNotLowerCaseHexOfTheirLengthAreRefused() {
    new KnownDigests(0, SHA, MD5);
    assertThatThrownBy(() -> new KnownDigests(-1, SHA, MD5)).hasMessageContaining("negative");
    assertThatThrownBy(() -> new KnownDigests(1, "A".repeat(64), MD5))
        .hasMessageContaining("sha256");
    assertThatThrownBy(() -> new KnownDigests(1, SHA + "a", MD5)).hasMessageContaining("sha256");
    assertThatThrownBy(() -> new KnownDigests(1, SHA, null)).hasMessageContaining("MD5");
    assertThatThrownBy(() -> new KnownDigests(1, SHA, "g".repeat(32))).hasMessageContaining("MD5");
  }
}
