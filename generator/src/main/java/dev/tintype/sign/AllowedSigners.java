package dev.tintype.sign;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keys an importing side trusts, in OpenSSH's allowed_signers format (ssh-keygen(1), "ALLOWED
 * SIGNERS"): {@code principals [options] keytype base64-key [comment]} per line, with comments and
 * blank lines. Options {@code namespaces}, {@code valid-after} and {@code valid-before} are
 * honoured; {@code cert-authority} lines and keys of other types are read but never match, since
 * tintype signs with plain ed25519 keys. Principals are not checked: any listed key may sign.
 * Listing several keys is how a key is rotated.
 */
public final class AllowedSigners {
  private static final Set<String> OPTIONS =
      Set.of("cert-authority", "namespaces", "valid-after", "valid-before");

  private record Entry(
      Optional<SshPublicKey> key,
      boolean certAuthority,
      Optional<List<String>> namespaces,
      Optional<Instant> after,
      Optional<Instant> before) {}

  private final String source;
  private final List<Entry> entries;

  private AllowedSigners(String source, List<Entry> entries) {
    this.source = source;
    this.entries = List.copyOf(entries);
  }

  public static AllowedSigners load(Path file) throws KeyException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new KeyException("trusted keys file " + file + " does not exist");
    } catch (IOException e) {
      throw new KeyException("cannot read trusted keys file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses the file's text; {@code source} names it in errors. */
  public static AllowedSigners parse(String text, String source) throws KeyException {
    List<Entry> entries = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        entries.add(entry(tokens(line)));
      } catch (IllegalArgumentException e) {
        throw new KeyException(source + " line " + (i + 1) + ": " + e.getMessage());
      }
    }
    if (entries.stream().noneMatch(e -> e.key().isPresent() && !e.certAuthority())) {
      throw new KeyException(
          source + " lists no ssh-ed25519 key; tintype signs with ed25519 keys only");
    }
    return new AllowedSigners(source, entries);
  }

  /** Where the keys were read from, for messages. */
  public String source() {
    return source;
  }

  /**
   * Checks {@code signature} (an armored file's bytes) over {@code message}, read to its end.
   * Returns the signing key's fingerprint.
   *
   * @throws SignatureProblem naming {@code what} and, once the signature parses, the key's
   *     fingerprint: damaged, from a key not listed (or not for namespace tintype, or outside its
   *     validity), or not matching the content
   */
  public String check(byte[] signature, InputStream message, String what) throws IOException {
    SshSignature sig = SshSignature.parse(signature, "the signature of " + what);
    Instant now = Instant.now();
    boolean trusted =
        entries.stream()
            .anyMatch(
                e ->
                    !e.certAuthority()
                        && e.key().map(sig.key()::equals).orElse(false)
                        && e.namespaces().map(n -> n.contains(SshSignature.NAMESPACE)).orElse(true)
                        && e.after().map(a -> !now.isBefore(a)).orElse(true)
                        && e.before().map(now::isBefore).orElse(true));
    if (!trusted) {
      throw new SignatureProblem(
          what
              + " is signed by "
              + sig.key().fingerprint()
              + ", which the trusted keys in "
              + source
              + " do not list (for namespace '"
              + SshSignature.NAMESPACE
              + "', valid now)");
    }
    sig.verify(message, what);
    return sig.key().fingerprint();
  }

  private static Entry entry(List<String> t) {
    if (t.size() < 3) {
      throw new IllegalArgumentException(
          "expected 'principals [options] keytype base64-key', found " + t.size() + " fields");
    }
    int at = 1;
    List<String> options = List.of();
    if (!looksLikeKeyType(t.get(1))) {
      options = splitOptions(t.get(1));
      at = 2;
    }
    if (t.size() < at + 2) {
      throw new IllegalArgumentException("no key after the options");
    }
    String type = t.get(at);
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(t.get(at + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "the " + SshPublicKey.printable(type) + " key is not base64");
    }
    Optional<SshPublicKey> key = Optional.empty();
    if (type.equals(SshPublicKey.TYPE)) {
      try {
        key = Optional.of(SshPublicKey.ofBlob(blob));
      } catch (SshWire.MalformedException e) {
        throw new IllegalArgumentException("a damaged ssh-ed25519 key: " + e.getMessage());
      }
    }
    boolean ca = false;
    Optional<List<String>> namespaces = Optional.empty();
    Optional<Instant> after = Optional.empty();
    Optional<Instant> before = Optional.empty();
    for (String o : options) {
      int eq = o.indexOf('=');
      String name = (eq < 0 ? o : o.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? null : unquote(o.substring(eq + 1));
      if (!OPTIONS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown option " + SshPublicKey.printable(name) + "; expected one of " + OPTIONS);
      }
      if (!name.equals("cert-authority") && value == null) {
        throw new IllegalArgumentException("option " + name + " needs a value");
      }
      switch (name) {
        case "cert-authority" -> ca = true;
        case "namespaces" -> namespaces = Optional.of(Arrays.asList(value.split(",")));
        case "valid-after" -> after = Optional.of(time(value, name));
        default -> before = Optional.of(time(value, name));
      }
    }
    return new Entry(key, ca, namespaces, after, before);
  }

  private static boolean looksLikeKeyType(String s) {
    return s.matches("(ssh|ecdsa|sk|rsa)-[A-Za-z0-9@.+-]+") && !s.contains("=");
  }

  /** As ssh-keygen reads them: YYYYMMDD[HHMM[SS]], with a trailing Z for UTC, else local. */
  private static Instant time(String v, String option) {
    boolean utc = v.endsWith("Z") || v.endsWith("z");
    String digits = utc ? v.substring(0, v.length() - 1) : v;
    String pattern =
        switch (digits.length()) {
          case 8 -> "yyyyMMdd";
          case 12 -> "yyyyMMddHHmm";
          case 14 -> "yyyyMMddHHmmss";
          default -> null;
        };
    if (pattern == null || !digits.matches("[0-9]+")) {
      throw new IllegalArgumentException(
          option + " " + SshPublicKey.printable(v) + " is not YYYYMMDD[HHMM[SS]][Z]");
    }
    try {
      String full = digits.length() == 8 ? digits + "0000" : digits;
      LocalDateTime t =
          LocalDateTime.parse(
              full, DateTimeFormatter.ofPattern(full.length() == 12 ? "yyyyMMddHHmm" : pattern));
      return t.atZone(utc ? ZoneOffset.UTC : ZoneId.systemDefault()).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          option + " " + SshPublicKey.printable(v) + " is not a valid date");
    }
  }

  private static String unquote(String v) {
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }

  /** Splits options on commas outside double quotes. */
  private static List<String> splitOptions(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : s.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("an option's quote is not closed");
    }
    out.add(cur.toString());
    return out;
  }

  /** Splits a line on white space outside double quotes. */
  private static List<String> tokens(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (Character.isWhitespace(c) && !quoted) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("a quote is not closed");
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  @Override
  public String toString() {
    return "trusted keys " + source;
  }
}
