package dev.tintype.format.dcf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Formats records into one reused buffer and writes it out as UTF-8 every few records. */
final class DcfWriter {
  private static final int CHUNK = 32 * 1024;

  private final OutputStream out;
  private final StringBuilder text = new StringBuilder(CHUNK + 4096);
  private boolean first = true;

  DcfWriter(OutputStream out) {
    this.out = out;
  }

  /** Separates a record from the one before it. */
  void startRecord() {
    if (!first) {
      text.append('\n');
    }
    first = false;
  }

  void field(String tag, String value) {
    DcfFormatter.appendField(tag, value, text);
  }

  /** Writes what is buffered once it is large; a record is never split. */
  void endRecord() throws IOException {
    if (text.length() >= CHUNK) {
      drain();
    }
  }

  void finish() throws IOException {
    drain();
    out.flush();
  }

  private void drain() throws IOException {
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    text.setLength(0);
  }
}
