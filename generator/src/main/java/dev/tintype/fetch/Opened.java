package dev.tintype.fetch;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

/** A response or local file open for reading; closing it ends the request. */
record Opened(TransferStream body, Map<String, String> headers, String finalUrl, long declared)
    implements Closeable {
  @Override
  public void close() throws IOException {
    body.close();
  }
}
