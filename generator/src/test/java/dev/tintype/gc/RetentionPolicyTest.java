package dev.tintype.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tintype.format.layout.SnapshotDate;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
  private static final SnapshotDate PIN = SnapshotDate.parse("2026-01-15");

  private static SnapshotDate d(String s) {
    return SnapshotDate.parse(s);
  }

  /**
   * The policy of the docs as the calendar says it, written independently of the implementation: on
   * day {@code today}, with one snapshot every day since {@code first}, a date stays if it is one
   * of the 30 newest, the last day of one of the 26 newest ISO weeks, the last day of a month (or
   * today, the newest of this week and month), or pinned.
   */
  private static boolean expectedKept(LocalDate x, LocalDate today) {
    boolean daily = ChronoUnit.DAYS.between(x, today) < 30;
    boolean lastOfWeek = x.getDayOfWeek() == DayOfWeek.SUNDAY || x.equals(today);
    long weeksBack =
        ChronoUnit.DAYS.between(x.with(DayOfWeek.MONDAY), today.with(DayOfWeek.MONDAY)) / 7;
    boolean weekly = lastOfWeek && weeksBack < 26;
    boolean monthly = x.equals(x.with(TemporalAdjusters.lastDayOfMonth())) || x.equals(today);
    return daily || weekly || monthly || x.equals(PIN.date());
  }

  @Test
  void aYearOfNightlySnapshotsAndGcsKeepsExactlyWhatThePolicySaysEveryDay() {
    RetentionPolicy policy = new RetentionPolicy(30, 26, RetentionPolicy.ALL, Set.of(PIN));
    LocalDate first = LocalDate.parse("2025-12-20");
    SortedSet<SnapshotDate> stored = new TreeSet<>();
    for (LocalDate today = first;
        !today.isAfter(LocalDate.parse("2027-01-31"));
        today = today.plusDays(1)) {
      stored.add(new SnapshotDate(today));
      stored.retainAll(policy.keep(stored)); // tonight's gc
      List<SnapshotDate> expected = new ArrayList<>();
      for (LocalDate x = first; !x.isAfter(today); x = x.plusDays(1)) {
        if (expectedKept(x, today)) {
          expected.add(new SnapshotDate(x));
        }
      }
      assertThat(stored).as("kept on %s", today).containsExactlyElementsOf(expected);
    }
    // 30 days + Sundays of ~22 more weeks + the ends of the earlier months + the pin.
    assertThat(stored).hasSizeBetween(55, 70).contains(PIN, d("2025-12-31"), d("2026-06-30"));
  }

  @Test
  void theWindowsCountFromTheNewestSnapshotNotFromTheWallClock() {
    RetentionPolicy policy = new RetentionPolicy(1, 2, 0, Set.of());
    // The newest is a Wednesday; weeks: its own (Mon 2026-03-02) and the one before.
    List<SnapshotDate> published =
        List.of(
            d("2026-02-20"), d("2026-02-22"), d("2026-02-24"), d("2026-02-27"), d("2026-03-04"));

    assertThat(policy.keep(published)).containsExactly(d("2026-02-27"), d("2026-03-04"));
  }

  @Test
  void aWeekWithoutASnapshotStillCountsAsOneOfTheLastWeeks() {
    RetentionPolicy policy = new RetentionPolicy(0, 3, 0, Set.of());
    // Three weeks back from 2026-03-18 (week of Mon 03-16): weeks of 03-16, 03-09 (empty), 03-02.
    List<SnapshotDate> published = List.of(d("2026-02-26"), d("2026-03-05"), d("2026-03-18"));

    assertThat(policy.keep(published)).containsExactly(d("2026-03-05"), d("2026-03-18"));
  }

  @Test
  void monthlyKeepsTheNewestOfEachOfTheLastMonthsAndPinsOnlyPinPublishedDates() {
    RetentionPolicy policy = new RetentionPolicy(0, 0, 2, Set.of(d("2025-01-01"), d("2026-01-02")));
    List<SnapshotDate> published =
        List.of(
            d("2026-01-02"), d("2026-01-30"), d("2026-02-03"), d("2026-02-27"), d("2026-03-01"));

    assertThat(policy.keep(published))
        .containsExactly(d("2026-01-02"), d("2026-02-27"), d("2026-03-01"));
  }

  @Test
  void nothingPublishedKeepsNothingAndNegativeCountsAreRefused() {
    assertThat(new RetentionPolicy(3, 3, 3, Set.of()).keep(List.of())).isEmpty();
    assertThatThrownBy(() -> new RetentionPolicy(-1, 0, 0, Set.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("daily -1");
  }
}
