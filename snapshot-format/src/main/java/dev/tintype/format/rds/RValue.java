package dev.tintype.format.rds;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The R values {@link RdsWriter} can serialize: NULL and the atomic and generic vectors, each with
 * ordered attributes. A {@code null} element is NA. An object with a "class" attribute is written
 * with R's object bit set, as R does.
 */
public sealed interface RValue {
  /** The attributes, in the order R writes them (for a matrix: dim, then dimnames). */
  Map<String, RValue> attributes();

  /** A copy with the attribute set: replaced in place, or appended. */
  RValue withAttribute(String name, RValue value);

  /** {@code NULL}. */
  RValue NULL = new Null();

  static StrVec strings(List<String> values) {
    return new StrVec(values, Map.of());
  }

  static StrVec strings(String... values) {
    return strings(Arrays.asList(values));
  }

  static IntVec ints(List<Integer> values) {
    return new IntVec(values, Map.of());
  }

  static IntVec ints(Integer... values) {
    return ints(Arrays.asList(values));
  }

  static RealVec doubles(List<Double> values) {
    return new RealVec(values, Map.of());
  }

  static RealVec doubles(Double... values) {
    return doubles(Arrays.asList(values));
  }

  static LglVec logicals(List<Boolean> values) {
    return new LglVec(values, Map.of());
  }

  static LglVec logicals(Boolean... values) {
    return logicals(Arrays.asList(values));
  }

  static ListVec list(List<RValue> values) {
    return new ListVec(values, Map.of());
  }

  static ListVec list(RValue... values) {
    return list(Arrays.asList(values));
  }

  /** {@code NULL}; it carries no attributes. */
  record Null() implements RValue {
    @Override
    public Map<String, RValue> attributes() {
      return Map.of();
    }

    @Override
    public RValue withAttribute(String name, RValue value) {
      throw new IllegalArgumentException("NULL cannot carry attribute '" + name + "'");
    }
  }

  /** A character vector (STRSXP); null elements are NA_character_. */
  record StrVec(List<String> values, Map<String, RValue> attributes) implements RValue {
    public StrVec {
      values = copyAllowingNulls(values);
      attributes = copyAttributes(attributes);
      values.forEach(
          v -> {
            if (v != null && v.indexOf('\0') >= 0) {
              throw new IllegalArgumentException("R strings cannot contain NUL: " + v);
            }
          });
    }

    @Override
    public StrVec withAttribute(String name, RValue value) {
      return new StrVec(values, with(attributes, name, value));
    }
  }

  /** An integer vector (INTSXP); null elements are NA_integer_, which no element may equal. */
  record IntVec(List<Integer> values, Map<String, RValue> attributes) implements RValue {
    public IntVec {
      values = copyAllowingNulls(values);
      attributes = copyAttributes(attributes);
      if (values.contains(Integer.MIN_VALUE)) {
        throw new IllegalArgumentException(
            "Integer.MIN_VALUE is NA_integer_ in R: use null for NA");
      }
    }

    @Override
    public IntVec withAttribute(String name, RValue value) {
      return new IntVec(values, with(attributes, name, value));
    }
  }

  /** A double vector (REALSXP); null elements are NA_real_ (NaN stays NaN). */
  record RealVec(List<Double> values, Map<String, RValue> attributes) implements RValue {
    public RealVec {
      values = copyAllowingNulls(values);
      attributes = copyAttributes(attributes);
    }

    @Override
    public RealVec withAttribute(String name, RValue value) {
      return new RealVec(values, with(attributes, name, value));
    }
  }

  /** A logical vector (LGLSXP); null elements are NA. */
  record LglVec(List<Boolean> values, Map<String, RValue> attributes) implements RValue {
    public LglVec {
      values = copyAllowingNulls(values);
      attributes = copyAttributes(attributes);
    }

    @Override
    public LglVec withAttribute(String name, RValue value) {
      return new LglVec(values, with(attributes, name, value));
    }
  }

  /** A generic vector, R's list (VECSXP). */
  record ListVec(List<RValue> values, Map<String, RValue> attributes) implements RValue {
    public ListVec {
      values = List.copyOf(values);
      attributes = copyAttributes(attributes);
    }

    @Override
    public ListVec withAttribute(String name, RValue value) {
      return new ListVec(values, with(attributes, name, value));
    }
  }

  private static <T> List<T> copyAllowingNulls(List<T> values) {
    return Collections.unmodifiableList(new ArrayList<>(values));
  }

  private static Map<String, RValue> copyAttributes(Map<String, RValue> attributes) {
    LinkedHashMap<String, RValue> copy = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) -> {
          if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("attribute names must not be empty");
          }
          copy.put(name, Objects.requireNonNull(value, () -> "attribute " + name));
        });
    return Collections.unmodifiableMap(copy);
  }

  private static Map<String, RValue> with(
      Map<String, RValue> attributes, String name, RValue value) {
    LinkedHashMap<String, RValue> copy = new LinkedHashMap<>(attributes);
    copy.put(name, value);
    return copy;
  }
}
