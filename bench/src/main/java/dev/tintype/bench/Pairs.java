package dev.tintype.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A tintype run and its reference run, measured one right after the other, several times over. A
 * row of issue 17 is judged by the median of the pairs' ratios: on this disk one run of either side
 * moves by up to half from one pair to the next (a `cp -al` of the same tree took 4.4 s in one full
 * run and 10.7 s in another), and a pair shares the disk's mood of the moment.
 */
final class Pairs {
  /** Pairs measured per row (at every scale: the smoke runs take seconds). */
  static final int ROUNDS = 3;

  private final List<double[]> pairs = new ArrayList<>();

  /** Adds one pair, tintype's run first. */
  Pairs add(Proc.Run tintype, Proc.Run reference) {
    return add(tintype.seconds(), reference.seconds());
  }

  Pairs add(double tintypeSeconds, double referenceSeconds) {
    if (!(tintypeSeconds > 0) || !(referenceSeconds > 0)) {
      throw new IllegalArgumentException(
          "a pair needs two positive times, got " + tintypeSeconds + " and " + referenceSeconds);
    }
    pairs.add(new double[] {tintypeSeconds, referenceSeconds});
    return this;
  }

  int size() {
    return pairs.size();
  }

  /**
   * The median of the pairs' ratios (tintype over reference); the lower middle of an even count.
   */
  double ratio() {
    return median(pairs.stream().mapToDouble(p -> p[0] / p[1]).toArray());
  }

  /** tintype's median time, then every run in order: "2.18 s (2.10, 2.18, 2.40 s)". */
  String tintype() {
    return times(0);
  }

  /** The reference's median time and every run, as {@link #tintype()}. */
  String reference() {
    return times(1);
  }

  /** The median ratio and the range of all of them: "3.51× (3.20–3.70× over 3 pairs)". */
  String ratios() {
    double[] r = pairs.stream().mapToDouble(p -> p[0] / p[1]).toArray();
    if (r.length == 1) {
      return Figure.times(r[0]);
    }
    double min = Arrays.stream(r).min().orElseThrow();
    double max = Arrays.stream(r).max().orElseThrow();
    return String.format(
        Locale.ROOT,
        "%s (%s–%s over %d pairs)",
        Figure.times(median(r)),
        Figure.times(min).replace("×", ""),
        Figure.times(max),
        r.length);
  }

  private String times(int side) {
    double[] t = pairs.stream().mapToDouble(p -> p[side]).toArray();
    String median = Figure.seconds(median(t));
    if (t.length == 1) {
      return median;
    }
    return median
        + " ("
        + Arrays.stream(t)
            .mapToObj(s -> Figure.seconds(s).replace(" s", ""))
            .collect(Collectors.joining(", "))
        + " s)";
  }

  private static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalStateException("no pairs measured");
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return v[(v.length - 1) / 2];
  }
}
