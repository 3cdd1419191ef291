package dev.tintype.format.dcf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * One DCF record (a DESCRIPTION file, or one stanza of a PACKAGES index): an immutable, ordered map
 * from tag to value. Tags are unique and case-sensitive, as R treats them.
 */
public final class DcfRecord {
  private final Map<String, String> fields;

  private DcfRecord(LinkedHashMap<String, String> fields) {
    this.fields = Collections.unmodifiableMap(fields);
  }

  /** A record with the given fields, in the map's iteration order. */
  public static DcfRecord of(Map<String, String> orderedFields) {
    Builder builder = builder();
    orderedFields.forEach(builder::add);
    return builder.build();
  }

  public static Builder builder() {
    return new Builder(16);
  }

  /** A builder sized for about {@code fields} fields. */
  static Builder builder(int fields) {
    return new Builder(fields);
  }

  public Optional<String> get(String tag) {
    return Optional.ofNullable(fields.get(tag));
  }

  /**
   * The value of {@code tag}.
   *
   * @throws NoSuchElementException if the record has no such field; the message names the tag and
   *     the record's Package, if it has one
   */
  public String require(String tag) {
    String value = fields.get(tag);
    if (value == null) {
      throw new NoSuchElementException("DCF field '" + tag + "' is missing from " + describe());
    }
    return value;
  }

  public List<String> tags() {
    return List.copyOf(fields.keySet());
  }

  /** The fields, unmodifiable, in record order. */
  public Map<String, String> fields() {
    return fields;
  }

  /** A copy with {@code tag} set to {@code value}: replaced in place, or appended at the end. */
  public DcfRecord with(String tag, String value) {
    checkTag(tag);
    checkValue(tag, value);
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(fields);
    copy.put(tag, value);
    return new DcfRecord(copy);
  }

  /** A copy without {@code tag} (the same record if it has no such field). */
  public DcfRecord without(String tag) {
    if (!fields.containsKey(tag)) {
      return this;
    }
    LinkedHashMap<String, String> copy = new LinkedHashMap<>(fields);
    copy.remove(tag);
    return new DcfRecord(copy);
  }

  /** "package 'foo'" or "a record without a Package field", for error messages. */
  String describe() {
    String pkg = fields.get("Package");
    return pkg == null
        ? "a DCF record without a Package field"
        : "the record of package '" + pkg + "'";
  }

  @Override
  public boolean equals(Object o) {
    // Order is part of the value: two records with the same fields in another order differ.
    return o instanceof DcfRecord other
        && new ArrayList<>(fields.entrySet()).equals(new ArrayList<>(other.fields.entrySet()));
  }

  @Override
  public int hashCode() {
    return new ArrayList<>(fields.entrySet()).hashCode();
  }

  @Override
  public String toString() {
    return "DcfRecord" + fields;
  }

  static void checkTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.isEmpty()) {
      throw new IllegalArgumentException("DCF tag must not be empty");
    }
    for (int i = 0; i < tag.length(); i++) {
      char c = tag.charAt(i);
      if (c > ' ' && c < 0x7f && c != ':') {
        continue; // printable ASCII: nearly every tag, without the Character lookups below
      }
      if (c == ':'
          || Character.isWhitespace(c)
          || Character.isISOControl(c)
          || Character.isSpaceChar(c)) {
        throw new IllegalArgumentException(
            "DCF tag must not contain ':', white space or control characters, found " + quote(tag));
      }
    }
  }

  static void checkValue(String tag, String value) {
    Objects.requireNonNull(value, () -> "value of DCF field '" + tag + "'");
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "value of DCF field '" + tag + "' contains a NUL character");
    }
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("'");
    s.codePoints()
        .forEach(
            cp -> {
              if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
              } else {
                out.appendCodePoint(cp);
              }
            });
    return out.append('\'').toString();
  }

  /** Collects fields in order; a repeated tag is an error. */
  public static final class Builder {
    private LinkedHashMap<String, String> fields;
    // Set when build() handed the map to a record: the next change works on a copy.
    private boolean shared;

    private Builder(int expected) {
      fields = new LinkedHashMap<>(Math.max(16, (int) (expected / 0.75f) + 1));
    }

    private LinkedHashMap<String, String> own() {
      if (shared) {
        fields = new LinkedHashMap<>(fields);
        shared = false;
      }
      return fields;
    }

    /**
     * Appends a field.
     *
     * @throws IllegalArgumentException if the tag is invalid or already present, or the value holds
     *     a NUL character
     */
    public Builder add(String tag, String value) {
      checkTag(tag);
      checkValue(tag, value);
      if (fields.containsKey(tag)) {
        throw new IllegalArgumentException("duplicate DCF field '" + tag + "'");
      }
      own().put(tag, value);
      return this;
    }

    boolean has(String tag) {
      return fields.containsKey(tag);
    }

    /** Sets a field, replacing the value in place if the tag is already present. */
    Builder put(String tag, String value) {
      checkTag(tag);
      checkValue(tag, value);
      own().put(tag, value);
      return this;
    }

    public DcfRecord build() {
      // No copy: the record wraps the map unmodifiable, and this builder copies it before changing
      // it again.
      shared = true;
      return new DcfRecord(fields);
    }
  }
}
