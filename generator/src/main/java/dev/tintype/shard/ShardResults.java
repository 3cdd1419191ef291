package dev.tintype.shard;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tintype.format.layout.Layout;
import dev.tintype.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads and writes shard results on the storage, at {@link Layout#shardResult}. */
public final class ShardResults {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private ShardResults() {}

  /** Stores {@code r} in place of the shard's earlier result, in one step. */
  public static void write(Storage storage, ShardResult r) throws IOException {
    storage.replace(Layout.shardResult(r.run(), r.shard()), JSON.writeValueAsBytes(r));
  }

  /** Shard {@code index}'s result of run {@code run}, if it wrote one. */
  public static Optional<ShardResult> read(Storage storage, String run, int index)
      throws IOException {
    String key = Layout.shardResult(run, index);
    if (!storage.exists(key)) {
      return Optional.empty();
    }
    try (InputStream in = storage.open(key)) {
      return Optional.of(JSON.readValue(in, ShardResult.class));
    } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
      throw new IOException(storage.describe() + ": " + key + " is not a shard result: " + e, e);
    }
  }
}
