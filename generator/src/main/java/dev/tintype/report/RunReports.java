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

  public static RunReport read(Storage storage, String key) throws IOException {
    try (InputStream in = storage.open(key)) {
      return JSON.readValue(in, RunReport.class);
    }
  }
}
