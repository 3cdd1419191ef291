package dev.tintype.format.pypi;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PEP 440 version: parsing, the canonical spelling and the ordering of the {@code packaging}
 * library.
 */
public final class Pep440 implements Comparable<Pep440> {
  // The regular expression of packaging.version.VERSION_PATTERN.
  private static final Pattern PATTERN =
      Pattern.compile(
          "^\\s*v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
              + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
              + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
              + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?)"
              + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$",
          Pattern.CASE_INSENSITIVE);

  private final BigInteger epoch;
  private final List<BigInteger> release;
  private final String preLetter; // a, b, rc or null
  private final BigInteger pre;
  private final BigInteger post; // null if none
  private final BigInteger dev; // null if none
  private final List<String> local; // empty if none

  private Pep440(
      BigInteger epoch,
      List<BigInteger> release,
      String preLetter,
      BigInteger pre,
      BigInteger post,
      BigInteger dev,
      List<String> local) {
    this.epoch = epoch;
    this.release = release;
    this.preLetter = preLetter;
    this.pre = pre;
    this.post = post;
    this.dev = dev;
    this.local = local;
  }

  public static Optional<Pep440> parse(String version) {
    Matcher m = PATTERN.matcher(version);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<BigInteger> release = new ArrayList<>();
    for (String part : m.group("release").split("\\.")) {
      release.add(new BigInteger(part));
    }
    String preLetter = null;
    BigInteger pre = null;
    if (m.group("pre") != null) {
      String l = m.group("prel").toLowerCase(Locale.ROOT);
      preLetter =
          switch (l) {
            case "alpha", "a" -> "a";
            case "beta", "b" -> "b";
            default -> "rc";
          };
      pre = number(m.group("pren"));
    }
    BigInteger post = null;
    if (m.group("post") != null) {
      post = number(m.group("postn1") != null ? m.group("postn1") : m.group("postn2"));
    }
    BigInteger dev = m.group("dev") != null ? number(m.group("devn")) : null;
    List<String> local = new ArrayList<>();
    if (m.group("local") != null) {
      for (String part : m.group("local").toLowerCase(Locale.ROOT).split("[-_.]")) {
        local.add(
            part.chars().allMatch(Character::isDigit) ? new BigInteger(part).toString() : part);
      }
    }
    return Optional.of(
        new Pep440(
            number(m.group("epoch")), List.copyOf(release), preLetter, pre, post, dev, local));
  }

  /** A pre-release or a development release (PEP 440: both count as pre-releases). */
  public boolean isPrerelease() {
    return preLetter != null || dev != null;
  }

  public boolean isPostrelease() {
    return post != null;
  }

  public BigInteger epoch() {
    return epoch;
  }

  /** The release segment, such as [1, 2, 0] of 1.2.0rc1. */
  public List<BigInteger> release() {
    return release;
  }

  /** Whether it has a local version label ({@code +ubuntu1}). */
  public boolean hasLocal() {
    return !local.isEmpty();
  }

  /** This version without its local label, for specifiers that ignore it. */
  public Pep440 withoutLocal() {
    return local.isEmpty()
        ? this
        : new Pep440(epoch, release, preLetter, pre, post, dev, List.of());
  }

  /** The final release this version leads to or follows: 1.2 of 1.2rc1, 1.2.post3 and 1.2.dev0. */
  public Pep440 baseVersion() {
    return new Pep440(epoch, release, null, null, null, null, List.of());
  }

  private static BigInteger number(String digits) {
    return digits == null ? BigInteger.ZERO : new BigInteger(digits);
  }

  /** The normalized spelling, as {@code str(packaging.version.Version(v))}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    if (epoch.signum() != 0) {
      s.append(epoch).append('!');
    }
    for (int i = 0; i < release.size(); i++) {
      s.append(i == 0 ? "" : ".").append(release.get(i));
    }
    if (preLetter != null) {
      s.append(preLetter).append(pre);
    }
    if (post != null) {
      s.append(".post").append(post);
    }
    if (dev != null) {
      s.append(".dev").append(dev);
    }
    if (!local.isEmpty()) {
      s.append('+').append(String.join(".", local));
    }
    return s.toString();
  }

  @Override
  public int compareTo(Pep440 o) {
    int c = epoch.compareTo(o.epoch);
    if (c == 0) {
      c = compareRelease(release, o.release);
    }
    if (c == 0) {
      c = Integer.compare(preRank(), o.preRank());
    }
    if (c == 0 && preLetter != null) {
      c = pre.compareTo(o.pre);
    }
    if (c == 0) {
      c = compareOptional(post, o.post, -1);
    }
    if (c == 0) {
      c = compareOptional(dev, o.dev, 1);
    }
    if (c == 0) {
      c = compareLocal(local, o.local);
    }
    return c;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pep440 v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    int end = release.size();
    while (end > 0 && release.get(end - 1).signum() == 0) {
      end--;
    }
    return release.subList(0, end).hashCode() * 31 + epoch.hashCode();
  }

  // A dev release of a final version sorts before its pre-releases (1.0.dev0 < 1.0a1 < 1.0).
  private int preRank() {
    if (preLetter == null) {
      return post == null && dev != null ? -1 : 3;
    }
    return switch (preLetter) {
      case "a" -> 0;
      case "b" -> 1;
      default -> 2;
    };
  }

  private static int compareRelease(List<BigInteger> a, List<BigInteger> b) {
    for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
      BigInteger x = i < a.size() ? a.get(i) : BigInteger.ZERO;
      BigInteger y = i < b.size() ? b.get(i) : BigInteger.ZERO;
      int c = x.compareTo(y);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Compares two optional numbers; {@code absent} says where a missing one sorts (-1 first). */
  private static int compareOptional(BigInteger a, BigInteger b, int absent) {
    if (a == null || b == null) {
      return a == b ? 0 : (a == null ? absent : -absent);
    }
    return a.compareTo(b);
  }

  // packaging: numeric segments sort after alphanumeric ones; a shorter prefix sorts first.
  private static int compareLocal(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = x.chars().allMatch(Character::isDigit);
      boolean yn = y.chars().allMatch(Character::isDigit);
      int c;
      if (xn && yn) {
        c = new BigInteger(x).compareTo(new BigInteger(y));
      } else if (xn != yn) {
        c = xn ? 1 : -1;
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
