package dev.tintype.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who holds a repository lock: what it is doing, on which host, as which process, since when. Both
 * lock kinds (a file, an S3 object) store it in the same lines and name it the same way when they
 * refuse a second run: on shared storage, the pid alone does not say which machine to look at.
 */
public record LockHolder(String purpose, String host, long pid, Instant started) {
  private static final String HOST = hostName();

  public LockHolder {
    if (purpose == null || purpose.isBlank() || purpose.contains("\n")) {
      throw new IllegalArgumentException(
          "a lock holder's purpose must be one line, got: " + purpose);
    }
  }

  /** This process, now. */
  public static LockHolder current(String purpose) {
    return new LockHolder(
        purpose,
        HOST,
        ProcessHandle.current().pid(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The lock's content: one {@code name: value} line each. */
  String lines() {
    return "holder: "
        + purpose
        + "\nhost: "
        + host
        + "\npid: "
        + pid
        + "\nstarted: "
        + started
        + "\n";
  }

  /** As messages name it: {@code sync, pid 4242 on host build-1 since 2026-11-20T03:00:00Z}. */
  @Override
  public String toString() {
    return purpose + ", pid " + pid + " on host " + host + " since " + started;
  }

  /**
   * Names the holder recorded in a lock's content for a message, whatever wrote it: the lines of
   * {@link #lines()} (an S3 lock adds a token, left out here), or an older version's free text.
   */
  static String describe(String content) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : content.split("\n")) {
      int colon = line.indexOf(": ");
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 2).strip());
      }
    }
    String purpose = fields.get("holder");
    if (purpose == null) {
      String text = content.strip();
      return text.isEmpty() ? "holder unknown" : text;
    }
    StringBuilder out = new StringBuilder(purpose);
    if (fields.containsKey("pid")) {
      out.append(", pid ").append(fields.get("pid"));
    }
    if (fields.containsKey("host")) {
      out.append(" on host ").append(fields.get("host"));
    }
    if (fields.containsKey("started")) {
      out.append(" since ").append(fields.get("started"));
    }
    return out.toString();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "unknown host" : env;
    }
  }
}
