package dev.tintype.storage;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in for an S3 endpoint on loopback that gives every request a plausible fixed answer, with
 * no state: a HEAD of an object is 404, a listing is empty, a PUT or copy succeeds, a GET returns a
 * few bytes. Only for {@link S3ClassTraining}, which needs the S3 client to go through its request
 * and response paths, not to store anything.
 */
final class CannedS3 implements AutoCloseable {
  private static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  private static final String NS = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
  private static final String ETAG = "\"5d41402abc4b2a76b9719d911017c592\"";

  private final ServerSocket server;

  private CannedS3(ServerSocket server) {
    this.server = server;
  }

  static CannedS3 start() throws IOException {
    CannedS3 s3 = new CannedS3(new ServerSocket(0, 16, InetAddress.getLoopbackAddress()));
    Thread t = new Thread(s3::accept, "tintype-canned-s3");
    t.setDaemon(true);
    t.start();
    return s3;
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "tintype-canned-s3-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      for (String head; (head = readHead(in)) != null; ) {
        String[] lines = head.split("\r\n");
        String[] request = lines[0].split(" ");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          if (colon > 0) {
            headers.put(
                lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                lines[i].substring(colon + 1).trim());
          }
        }
        in.skipNBytes(Long.parseLong(headers.getOrDefault("content-length", "0")));
        answer(request[0], request.length > 1 ? request[1] : "/", headers, out);
      }
    } catch (IOException | RuntimeException e) {
      // The client went away, or sent what this stand-in does not parse: the training ignores it.
    }
  }

  private static void answer(String method, String target, Map<String, String> h, OutputStream out)
      throws IOException {
    // Path-style: /bucket or /bucket/key...
    boolean bucketOnly =
        target.indexOf('/', 1) < 0 || target.indexOf('/', 1) == target.length() - 1;
    switch (method) {
      case "HEAD" -> respond(out, bucketOnly ? 200 : 404, Map.of(), null);
      case "GET" -> {
        if (target.contains("list-type=2")) {
          respond(
              out,
              200,
              Map.of("Content-Type", "application/xml"),
              XML
                  + "<ListBucketResult"
                  + NS
                  + "><Name>training</Name><Prefix></Prefix><KeyCount>0</KeyCount>"
                  + "<MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>");
        } else {
          respond(
              out, 200, Map.of("ETag", ETAG, "Content-Type", "application/octet-stream"), "hello");
        }
      }
      case "PUT" -> {
        if (h.containsKey("x-amz-copy-source")) {
          respond(
              out,
              200,
              Map.of("Content-Type", "application/xml"),
              XML
                  + "<CopyObjectResult"
                  + NS
                  + "><ETag>"
                  + ETAG
                  + "</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified>"
                  + "</CopyObjectResult>");
        } else {
          respond(out, 200, Map.of("ETag", ETAG), null);
        }
      }
      case "DELETE" -> respond(out, 204, Map.of(), null);
      default ->
          respond(
              out,
              404,
              Map.of("Content-Type", "application/xml"),
              XML + "<Error><Code>NoSuchKey</Code><Message>none</Message></Error>");
    }
  }

  private static void respond(OutputStream out, int code, Map<String, String> headers, String body)
      throws IOException {
    byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder s = new StringBuilder("HTTP/1.1 ").append(code).append(" X\r\n");
    headers.forEach((k, v) -> s.append(k).append(": ").append(v).append("\r\n"));
    s.append("Content-Length: ").append(b.length).append("\r\n\r\n");
    out.write(s.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(b);
    out.flush();
  }

  /** The request line and headers up to the blank line; null at the end of the connection. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    for (int c; (c = in.read()) >= 0; ) {
      head.write(c);
      matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
      if (matched == 4) {
        return head.toString(StandardCharsets.ISO_8859_1).strip();
      }
      if (head.size() > 64 * 1024) {
        throw new IOException("request head too large");
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
