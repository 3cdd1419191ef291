package dev.tintype.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The SSH wire encoding (RFC 4251): big-endian uint32 and length-prefixed strings. */
final class SshWire {
  private SshWire() {}

  /** Reads one encoded structure; every read past its end is a {@link MalformedException}. */
  static final class Reader {
    private final byte[] data;
    private int at;

    Reader(byte[] data) {
      this.data = data;
    }

    int uint32() throws MalformedException {
      need(4);
      int v =
          ((data[at] & 0xff) << 24)
              | ((data[at + 1] & 0xff) << 16)
              | ((data[at + 2] & 0xff) << 8)
              | (data[at + 3] & 0xff);
      at += 4;
      return v;
    }

    byte[] bytes(int n) throws MalformedException {
      need(n);
      byte[] out = java.util.Arrays.copyOfRange(data, at, at + n);
      at += n;
      return out;
    }

    byte[] string() throws MalformedException {
      int n = uint32();
      if (n < 0) {
        throw new MalformedException("a string longer than 2 GiB");
      }
      return bytes(n);
    }

    String text() throws MalformedException {
      return new String(string(), StandardCharsets.UTF_8);
    }

    int remaining() {
      return data.length - at;
    }

    private void need(int n) throws MalformedException {
      if (n < 0 || data.length - at < n) {
        throw new MalformedException("ends early");
      }
    }
  }

  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    Writer uint32(int v) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Writer string(byte[] b) {
      uint32(b.length);
      return raw(b);
    }

    Writer string(String s) {
      return string(s.getBytes(StandardCharsets.UTF_8));
    }

    byte[] bytes() {
      return out.toByteArray();
    }
  }

  /** A structure that does not decode; the message never holds its bytes. */
  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }
}
