package dev.tintype.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tintype.format.layout.Layout;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/** Reads and writes run reports on the storage, under {@link Layout#runs()}. */
public final class RunReports {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunReports() {}

  /** Stores the report through the storage's temporary name; returns its key. */
  public static String write(Storage storage, RunReport report) throws IOException {
    String key = Layout.runReport(Instant.parse(report.start()), report.command());
    storage.put(key, toJson(report));
    return key;
  }

  public static byte[] toJson(RunReport report) throws IOException {
    return JSON.writeValueAsBytes(report);
  }

  /**
   * Deletes the run reports that started before {@code cutoff} (with {@code dryRun}, only lists
   * them); files under {@link Layout#runs()} that are not run reports stay. Returns their keys,
   * oldest first.
   */
  public static java.util.List<String> prune(Storage storage, Instant cutoff, boolean dryRun)
      throws IOException {
    java.util.List<String> old = new java.util.ArrayList<>();
    for (String name : new java.util.TreeSet<>(storage.children(Layout.runs()))) {
      Layout.RunKey run = Layout.runOfReport(name);
      if (run != null && run.start().isBefore(cutoff)) {
        String key = Layout.runs() + "/" + name;
        if (!dryRun) {
          storage.delete(key);
        }
        old.add(key);
      }
    }
    return old;
  }

  public static RunReport read(Storage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return JSON.readValue(in, RunReport.class);
    }
  }
}
