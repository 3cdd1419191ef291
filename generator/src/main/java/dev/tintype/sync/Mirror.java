package dev.tintype.sync;

import java.io.IOException;
import java.util.Map;

/** Builds one repository type's snapshot: fetches into the pool, writes indexes to the sink. */
public interface Mirror {

  /** What a mirror produced, for the manifest. */
  record Result(int packages, Map<String, String> properties) {}

  Result build(MirrorContext ctx, SnapshotSink sink) throws IOException;
}
