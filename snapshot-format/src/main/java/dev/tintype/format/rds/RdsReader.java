package dev.tintype.format.rds;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads what {@code saveRDS} writes: XDR serialization format version 2 or 3, plain or gzip'd, of
 * the values {@link RValue} holds (NULL, logical, integer, double, character and list vectors with
 * attributes), plus R's compact integer and double sequences. Anything else (environments,
 * closures, xz) is refused with a message that names the source. Input is untrusted: the bytes
 * read, the number of elements and the nesting depth are bounded.
 */
public final class RdsReader {
  /**
   * The bounds a read stays within.
   *
   * @param maxBytes the most serialized bytes read (after decompression)
   * @param maxElements the most vector elements in the whole value
   * @param maxDepth the deepest nesting of vectors and attributes
   */
  public record Limits(long maxBytes, long maxElements, int maxDepth) {
    public Limits {
      if (maxBytes <= 0 || maxElements <= 0 || maxDepth <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    /** Enough for CRAN's Meta/archive.rds (a few MB, a few million cells) many times over. */
    public static final Limits DEFAULT = new Limits(1L << 30, 100_000_000L, 64);
  }

  private static final int NILSXP = 0;
  private static final int SYMSXP = 1;
  private static final int LISTSXP = 2;
  private static final int CHARSXP = 9;
  private static final int LGLSXP = 10;
  private static final int INTSXP = 13;
  private static final int REALSXP = 14;
  private static final int STRSXP = 16;
  private static final int VECSXP = 19;
  private static final int EXPRSXP = 20;
  private static final int ALTREP_SXP = 238;
  private static final int NILVALUE_SXP = 254;
  private static final int REFSXP = 255;

  private static final int HAS_ATTR = 1 << 9;
  private static final int HAS_TAG = 1 << 10;
  private static final int LATIN1 = 1 << 2;

  private final XdrInput in;
  private final String source;
  private final Limits limits;
  private final List<String> refs = new ArrayList<>();
  private final Map<String, String> shortStrings = new java.util.HashMap<>();
  private long elements;

  private RdsReader(XdrInput in, String source, Limits limits) {
    this.in = in;
    this.source = source;
    this.limits = limits;
  }

  /** Reads one R object from {@code in} (gzip'd or not); {@code source} names it in errors. */
  public static RValue read(InputStream in, String source) throws IOException {
    return read(in, source, Limits.DEFAULT);
  }

  public static RValue read(InputStream raw, String source, Limits limits) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
    buffered.mark(8);
    byte[] magic = buffered.readNBytes(6);
    buffered.reset();
    InputStream body = buffered;
    if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
      try {
        body = new BufferedInputStream(new GZIPInputStream(buffered, 1 << 16), 1 << 16);
      } catch (IOException e) {
        throw new RdsException(source + ": not a readable gzip stream (" + e.getMessage() + ")", e);
      }
    } else if (magic.length >= 6
        && (magic[0] & 0xff) == 0xfd
        && magic[1] == '7'
        && magic[2] == 'z'
        && magic[3] == 'X') {
      throw new RdsException(source + ": xz-compressed .rds is not supported (save it with gzip)");
    } else if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
      throw new RdsException(source + ": bzip2-compressed .rds is not supported");
    }
    RdsReader r = new RdsReader(new XdrInput(body, limits.maxBytes(), source), source, limits);
    try {
      r.header();
      return r.item(0);
    } catch (EOFException e) {
      throw new RdsException(source + ": truncated R serialization", e);
    } catch (java.util.zip.ZipException e) {
      throw new RdsException(source + ": corrupt gzip stream (" + e.getMessage() + ")", e);
    }
  }

  private void header() throws IOException {
    byte[] format = in.bytes(2);
    if (format[0] != 'X' || format[1] != '\n') {
      if ((format[0] == 'A' || format[0] == 'B') && format[1] == '\n') {
        throw new RdsException(
            source + ": ASCII or native-binary serialization is not supported, only XDR");
      }
      throw new RdsException(
          source
              + ": not an R object (no R serialization header; it starts with bytes "
              + hex(format)
              + ")");
    }
    int version = in.readInt();
    if (version != 2 && version != 3) {
      throw new RdsException(
          source + ": R serialization format version " + version + " is not supported (2 or 3)");
    }
    in.readInt(); // the writer's R version
    in.readInt(); // the oldest R that reads it
    if (version == 3) {
      int n = in.readInt();
      if (n < 0 || n > 64) {
        throw new RdsException(source + ": bad native encoding length " + n);
      }
      in.bytes(n);
    }
  }

  private RValue item(int depth) throws IOException {
    if (depth > limits.maxDepth()) {
      throw new RdsException(source + ": nested deeper than " + limits.maxDepth() + " levels");
    }
    int flags = in.readInt();
    int type = flags & 0xff;
    boolean hasAttr = (flags & HAS_ATTR) != 0;
    switch (type) {
      case NILVALUE_SXP:
        return RValue.NULL;
      case LISTSXP:
        return pairlistAsList(flags, depth);
      case LGLSXP:
        {
          int n = length();
          List<Boolean> v = new ArrayList<>(Math.min(n, 1 << 16));
          for (int i = 0; i < n; i++) {
            int x = in.readInt();
            v.add(x == Integer.MIN_VALUE ? null : x != 0);
          }
          return new RValue.LglVec(v, attributes(hasAttr, depth));
        }
      case INTSXP:
        {
          int n = length();
          List<Integer> v = new ArrayList<>(Math.min(n, 1 << 16));
          for (int i = 0; i < n; i++) {
            int x = in.readInt();
            v.add(x == Integer.MIN_VALUE ? null : x);
          }
          return new RValue.IntVec(v, attributes(hasAttr, depth));
        }
      case REALSXP:
        {
          int n = length();
          List<Double> v = new ArrayList<>(Math.min(n, 1 << 16));
          for (int i = 0; i < n; i++) {
            v.add(real(in.readLong()));
          }
          return new RValue.RealVec(v, attributes(hasAttr, depth));
        }
      case STRSXP:
        {
          int n = length();
          List<String> v = new ArrayList<>(Math.min(n, 1 << 16));
          for (int i = 0; i < n; i++) {
            v.add(charsxp(in.readInt()));
          }
          return new RValue.StrVec(v, attributes(hasAttr, depth));
        }
      case VECSXP:
      case EXPRSXP:
        {
          int n = length();
          List<RValue> v = new ArrayList<>(Math.min(n, 1 << 16));
          for (int i = 0; i < n; i++) {
            v.add(item(depth + 1));
          }
          return new RValue.ListVec(v, attributes(hasAttr, depth));
        }
      case ALTREP_SXP:
        return altrep(depth);
      case SYMSXP:
      case REFSXP:
        // Only ALTREP descriptions (class and package names) hold symbols as values.
        return RValue.strings(symbol(flags));
      case CHARSXP:
        throw new RdsException(
            source + ": a bare symbol or string where a value was expected (type " + type + ")");
      default:
        throw new RdsException(
            source
                + ": R type "
                + type
                + " (such as an environment or a function) is not supported; expected data"
                + " (vectors, lists, data frames)");
    }
  }

  // The value is built once with its attributes: each withAttribute would copy its elements.
  private Map<String, RValue> attributes(boolean hasAttr, int depth) throws IOException {
    return hasAttr ? attributes(depth + 1) : Map.of();
  }

  /** An attribute pairlist: (tag, value) cells ending in NULL. */
  private Map<String, RValue> attributes(int depth) throws IOException {
    Map<String, RValue> out = new LinkedHashMap<>();
    int flags = in.readInt();
    while ((flags & 0xff) != NILVALUE_SXP) {
      if ((flags & 0xff) != LISTSXP || (flags & HAS_TAG) == 0) {
        throw new RdsException(source + ": malformed attribute list (type " + (flags & 0xff) + ")");
      }
      if ((flags & HAS_ATTR) != 0) {
        attributes(depth + 1); // attributes of the pairlist cell itself: R never writes them here
      }
      String tag = symbol();
      out.put(tag, item(depth));
      flags = in.readInt();
    }
    return out;
  }

  /** A pairlist met as a value: a list, named by its tags. */
  private RValue pairlistAsList(int flags, int depth) throws IOException {
    List<RValue> values = new ArrayList<>();
    List<String> names = new ArrayList<>();
    boolean named = false;
    Map<String, RValue> attrs = Map.of();
    boolean first = true;
    while ((flags & 0xff) != NILVALUE_SXP) {
      if ((flags & 0xff) != LISTSXP) {
        throw new RdsException(source + ": malformed pairlist (type " + (flags & 0xff) + ")");
      }
      if ((flags & HAS_ATTR) != 0) {
        Map<String, RValue> a = attributes(depth + 1);
        if (first) {
          attrs = a;
        }
      }
      String tag = (flags & HAS_TAG) != 0 ? symbol() : "";
      named |= !tag.isEmpty();
      names.add(tag);
      count(1);
      values.add(item(depth + 1));
      first = false;
      flags = in.readInt();
    }
    RValue out = RValue.list(values);
    if (named) {
      out = out.withAttribute("names", RValue.strings(names));
    }
    for (Map.Entry<String, RValue> a : attrs.entrySet()) {
      out = out.withAttribute(a.getKey(), a.getValue());
    }
    return out;
  }

  /** A symbol: written once, referred back to by index. */
  private String symbol() throws IOException {
    return symbol(in.readInt());
  }

  private String symbol(int flags) throws IOException {
    int type = flags & 0xff;
    if (type == REFSXP) {
      int index = flags >>> 8;
      if (index == 0) {
        index = in.readInt();
      }
      if (index < 1 || index > refs.size()) {
        throw new RdsException(source + ": reference " + index + " to nothing");
      }
      return refs.get(index - 1);
    }
    if (type != SYMSXP) {
      throw new RdsException(source + ": expected a symbol, found R type " + type);
    }
    String name = charsxp(in.readInt());
    if (name == null) {
      throw new RdsException(source + ": a symbol with no name");
    }
    refs.add(name);
    return name;
  }

  private String charsxp(int flags) throws IOException {
    if ((flags & 0xff) != CHARSXP) {
      throw new RdsException(source + ": expected a string, found R type " + (flags & 0xff));
    }
    int n = in.readInt();
    if (n == -1) {
      return null;
    }
    if (n < 0) {
      throw new RdsException(source + ": negative string length " + n);
    }
    count(n);
    byte[] b = in.bytes(n);
    int levels = flags >>> 12;
    String s =
        new String(
            b, (levels & LATIN1) != 0 ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    // Short strings repeat (archive.rds has an owner and a group per row): keep one copy of each.
    if (n <= 16 && shortStrings.size() < 65_536) {
      String seen = shortStrings.putIfAbsent(s, s);
      return seen == null ? s : seen;
    }
    return s;
  }

  /**
   * R 3.5+ writes some vectors in their ALTREP form: compact sequences as (length, start, step),
   * and wrapped vectors as the vector itself plus metadata.
   */
  private RValue altrep(int depth) throws IOException {
    RValue info = item(depth + 1);
    String cls =
        info instanceof RValue.ListVec l
                && !l.values().isEmpty()
                && l.values().get(0) instanceof RValue.StrVec
            ? ((RValue.StrVec) l.values().get(0)).values().get(0)
            : null;
    RValue state = item(depth + 1);
    Map<String, RValue> attrs = new LinkedHashMap<>();
    int flags = in.readInt();
    if ((flags & 0xff) == LISTSXP) {
      // The attributes of an ALTREP object are written as a whole pairlist item.
      attrs = attributesFrom(flags, depth + 1);
    } else if ((flags & 0xff) != NILVALUE_SXP) {
      throw new RdsException(source + ": malformed ALTREP attributes");
    }
    RValue v;
    if ("compact_intseq".equals(cls) || "compact_realseq".equals(cls)) {
      if (!(state instanceof RValue.RealVec s) || s.values().size() != 3) {
        throw new RdsException(source + ": malformed compact sequence");
      }
      double n = s.values().get(0);
      double start = s.values().get(1);
      double step = s.values().get(2);
      if (n < 0 || n > Integer.MAX_VALUE) {
        throw new RdsException(source + ": compact sequence of length " + n);
      }
      count((long) n);
      if (cls.equals("compact_intseq")) {
        List<Integer> ints = new ArrayList<>((int) Math.min(n, 1 << 16));
        for (long i = 0; i < n; i++) {
          ints.add((int) (start + i * step));
        }
        v = RValue.ints(ints);
      } else {
        List<Double> ds = new ArrayList<>((int) Math.min(n, 1 << 16));
        for (long i = 0; i < n; i++) {
          ds.add(start + i * step);
        }
        v = RValue.doubles(ds);
      }
    } else if (cls != null && cls.startsWith("wrap_")) {
      if (!(state instanceof RValue.ListVec s) || s.values().isEmpty()) {
        throw new RdsException(source + ": malformed wrapped vector");
      }
      v = s.values().get(0);
    } else {
      throw new RdsException(source + ": ALTREP class " + cls + " is not supported");
    }
    for (Map.Entry<String, RValue> a : attrs.entrySet()) {
      v = v.withAttribute(a.getKey(), a.getValue());
    }
    return v;
  }

  private Map<String, RValue> attributesFrom(int flags, int depth) throws IOException {
    RValue l = pairlistAsList(flags, depth);
    Map<String, RValue> out = new LinkedHashMap<>();
    if (l instanceof RValue.ListVec list
        && list.attributes().get("names") instanceof RValue.StrVec n) {
      for (int i = 0; i < list.values().size(); i++) {
        out.put(n.values().get(i), list.values().get(i));
      }
    }
    return out;
  }

  private int length() throws IOException {
    int n = in.readInt();
    long len = n;
    if (n == -1) {
      long hi = in.readInt() & 0xffffffffL;
      long lo = in.readInt() & 0xffffffffL;
      len = (hi << 32) | lo;
    }
    if (len < 0 || len > Integer.MAX_VALUE - 8) {
      throw new RdsException(source + ": vector length " + len + " is out of range");
    }
    count(len);
    return (int) len;
  }

  private void count(long n) throws RdsException {
    elements += n;
    if (elements > limits.maxElements()) {
      throw new RdsException(
          source + ": holds more than " + limits.maxElements() + " elements; refused");
    }
  }

  /** R's NA_real_ is a NaN whose low word is 1954; other NaNs stay NaN. */
  private static Double real(long bits) {
    double d = Double.longBitsToDouble(bits);
    if (Double.isNaN(d) && (int) bits == 1954) {
      return null;
    }
    return d;
  }

  private static String hex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(String.format("%02x", x & 0xff));
    }
    return s.toString();
  }
}
