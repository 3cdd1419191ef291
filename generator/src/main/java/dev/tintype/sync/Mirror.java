package dev.tintype.sync;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Builds one repository type's snapshot: fetches into the pool, writes indexes to the sink. */
public interface Mirror {

  /**
   * What a mirror produced, for the manifest.
   *
   * @param missing the configured packages or projects upstream did not have, left out of the
   *     snapshot (the CLI exits with 3 when there are any)
   */
  record Result(int packages, Map<String, String> properties, List<String> missing) {
    public Result {
      missing = List.copyOf(missing);
    }

    public Result(int packages, Map<String, String> properties) {
      this(packages, properties, List.of());
    }
  }

  Result build(MirrorContext ctx, SnapshotSink sink) throws IOException;
}
