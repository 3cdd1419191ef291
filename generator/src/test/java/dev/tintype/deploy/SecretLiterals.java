package dev.tintype.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds credentials written into a file: cloud keys, private keys, and password-like settings. */
final class SecretLiterals {
  private static final List<Pattern> PATTERNS =
      List.of(
          // AWS access key ids (long-term and temporary).
          Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
          // The AWS SDK's own setting names: their presence means a key in the file.
          Pattern.compile("(?i)aws_(?:secret_access_key|access_key_id|session_token)"),
          Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----"),
          // `password: hunter22`, `token = "abc..."`, `api-key: ...` with a value of some length.
          Pattern.compile(
              "(?i)\\b(?:password|passwd|secret|token|api[_-]?key|access[_-]?key)\\b"
                  + "[\"']?\\s*[:=]\\s*[\"']?[^\\s\"'#,}]{6,}"),
          // A Kubernetes Secret, or a reference to one, holds or leads to a literal.
          Pattern.compile("\\bkind:\\s*Secret\\b"),
          Pattern.compile("\\bsecretKeyRef\\b|\\bsecretRef\\b|\\bsecretName\\b"));

  private SecretLiterals() {}

  /** The lines of {@code text} that hold a secret literal, as {@code line N: text}. */
  static List<String> find(String text) {
    List<String> hits = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      for (Pattern p : PATTERNS) {
        Matcher m = p.matcher(lines[i]);
        if (m.find()) {
          hits.add("line " + (i + 1) + ": " + lines[i].strip());
          break;
        }
      }
    }
    return hits;
  }
}
