package dev.tintype.gc;

import dev.tintype.format.layout.SnapshotDate;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which snapshots of one repository {@code gc} keeps. The windows count back from the newest
 * snapshot's date, never from the wall clock, so the same snapshots always give the same answer:
 *
 * <ul>
 *   <li>{@code daily}: the newest {@code daily} snapshots;
 *   <li>{@code weekly}: the newest snapshot of each ISO week (Monday to Sunday) among the {@code
 *       weekly} weeks that end with the newest snapshot's week;
 *   <li>{@code monthly}: the same by calendar month;
 *   <li>{@code pinned}: these dates, whatever the rules say.
 * </ul>
 *
 * A count of {@link #ALL} has no limit. A week or month without a snapshot keeps nothing and still
 * counts: "the last 26 weeks" is half a year of calendar, not 26 snapshots.
 *
 * <p>{@code runReportDays}: gc deletes the run reports ({@code .tintype/runs/}) that started more
 * than that many days before it; {@link #ALL} keeps them all.
 */
public record RetentionPolicy(
    int daily, int weekly, int monthly, Set<SnapshotDate> pinned, int runReportDays) {
  /** A rule without a limit ({@code all} in the config). */
  public static final int ALL = Integer.MAX_VALUE;

  /** How long run reports are kept when the config does not say. */
  public static final int RUN_REPORT_DAYS = 90;

  /** With run reports kept for {@link #RUN_REPORT_DAYS}. */
  public RetentionPolicy(int daily, int weekly, int monthly, Set<SnapshotDate> pinned) {
    this(daily, weekly, monthly, pinned, RUN_REPORT_DAYS);
  }

  public RetentionPolicy {
    if (runReportDays < 1) {
      throw new IllegalArgumentException(
          "run reports are kept for at least 1 day, not " + runReportDays);
    }
    if (daily < 0 || weekly < 0 || monthly < 0) {
      throw new IllegalArgumentException(
          "retention counts must not be negative: daily "
              + daily
              + ", weekly "
              + weekly
              + ", monthly "
              + monthly);
    }
    pinned = Set.copyOf(pinned);
  }

  /** The dates of {@code published} this policy keeps, oldest first. */
  public SortedSet<SnapshotDate> keep(Collection<SnapshotDate> published) {
    List<SnapshotDate> newestFirst = new ArrayList<>(new TreeSet<>(published));
    java.util.Collections.reverse(newestFirst);
    SortedSet<SnapshotDate> keep = new TreeSet<>();
    if (newestFirst.isEmpty()) {
      return keep;
    }
    for (int i = 0; i < newestFirst.size() && i < daily; i++) {
      keep.add(newestFirst.get(i));
    }
    LocalDate newest = newestFirst.get(0).date();
    LocalDate newestMonday = monday(newest);
    YearMonth newestMonth = YearMonth.from(newest);
    Set<LocalDate> weeksSeen = new HashSet<>();
    Set<YearMonth> monthsSeen = new HashSet<>();
    for (SnapshotDate d : newestFirst) {
      LocalDate monday = monday(d.date());
      // The first date met in a week or month is its newest.
      if (weeksSeen.add(monday) && ChronoUnit.WEEKS.between(monday, newestMonday) < weekly) {
        keep.add(d);
      }
      YearMonth month = YearMonth.from(d.date());
      if (monthsSeen.add(month) && ChronoUnit.MONTHS.between(month, newestMonth) < monthly) {
        keep.add(d);
      }
      if (pinned.contains(d)) {
        keep.add(d);
      }
    }
    return keep;
  }

  private static LocalDate monday(LocalDate d) {
    return d.with(DayOfWeek.MONDAY);
  }
}
