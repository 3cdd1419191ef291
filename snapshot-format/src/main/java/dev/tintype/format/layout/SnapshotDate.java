package dev.tintype.format.layout;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The date that names a snapshot, always written {@code YYYY-MM-DD}. */
public record SnapshotDate(LocalDate date) implements Comparable<SnapshotDate> {
  private static final Pattern FORM = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  public SnapshotDate {
    Objects.requireNonNull(date, "date");
    if (date.getYear() < 1970 || date.getYear() > 9999) {
      throw new IllegalArgumentException("snapshot date out of range: " + date);
    }
  }

  /** Parses a strict {@code YYYY-MM-DD}; anything else is an error that quotes the input. */
  public static SnapshotDate parse(String text) {
    if (text == null || !FORM.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "bad date '" + text + "': expected YYYY-MM-DD, such as 2026-11-27");
    }
    try {
      return new SnapshotDate(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("bad date '" + text + "': no such day", e);
    }
  }

  public static boolean looksLikeDate(String text) {
    return text != null && FORM.matcher(text).matches();
  }

  public static SnapshotDate todayUtc() {
    return new SnapshotDate(LocalDate.now(ZoneOffset.UTC));
  }

  @Override
  public int compareTo(SnapshotDate o) {
    return date.compareTo(o.date);
  }

  @Override
  public String toString() {
    return date.toString();
  }
}
