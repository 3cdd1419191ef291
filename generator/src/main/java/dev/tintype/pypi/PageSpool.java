package dev.tintype.pypi;

import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.ProjectStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The project pages a sync planned, in a scratch file until it downloads their files and writes
 * them: a first sync of 100,000 projects held about 200 MB of pages through its downloads. Memory
 * holds an offset per page; each is read back twice (to list its downloads, then to write it).
 * Writes are safe from several planning threads; reads are the calling thread's.
 */
final class PageSpool implements java.io.Closeable {
  private final ScratchRecords records;

  PageSpool(Path scratch) throws IOException {
    this.records = new ScratchRecords(scratch, "pages-");
  }

  /** Stores {@code page}; returns where {@link #read} finds it. */
  long write(ProjectPage page) throws IOException {
    ByteArrayOutputStream record = new ByteArrayOutputStream(1024);
    DataOutputStream out = new DataOutputStream(record);
    encode(out, page);
    out.flush();
    return records.append(record);
  }

  /**
   * The page {@link #write} stored at {@code offset}, named by {@code known} (may be null) where
   * that is its name as stored: the project list written last holds each page's name, so one object
   * for it.
   */
  ProjectPage read(long offset, ProjectName known) throws IOException {
    return decode(new DataInputStream(new ByteArrayInputStream(records.read(offset))), known);
  }

  @Override
  public void close() throws IOException {
    records.close();
  }

  static void encode(DataOutputStream out, ProjectPage page) throws IOException {
    string(out, page.name().name());
    out.writeLong(page.lastSerial());
    ProjectStatus s = page.status();
    string(out, s.status());
    string(out, s.reason());
    strings(out, s.tracks());
    strings(out, s.alternateLocations());
    out.writeInt(page.files().size());
    for (DistFile f : page.files()) {
      string(out, f.filename());
      string(out, f.url());
      digests(out, f.hashes());
      string(out, f.requiresPython());
      string(out, f.yanked());
      digests(out, f.coreMetadata());
      out.writeLong(f.size() == null ? -1 : f.size());
      out.writeBoolean(f.uploadTime() != null);
      if (f.uploadTime() != null) {
        out.writeLong(f.uploadTime().getEpochSecond());
        out.writeInt(f.uploadTime().getNano());
      }
      string(out, f.provenance());
    }
  }

  static ProjectPage decode(DataInputStream in, ProjectName known) throws IOException {
    String stored = string(in);
    ProjectName name =
        known != null && known.name().equals(stored) ? known : new ProjectName(stored);
    long serial = in.readLong();
    ProjectStatus status = new ProjectStatus(string(in), string(in), strings(in), strings(in));
    int n = in.readInt();
    List<DistFile> files = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String filename = string(in);
      String url = string(in);
      SortedMap<String, String> hashes = digests(in);
      String requiresPython = string(in);
      String yanked = string(in);
      SortedMap<String, String> metadata = digests(in);
      long size = in.readLong();
      Instant uploaded =
          in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
      files.add(
          new DistFile(
              filename,
              url,
              hashes,
              requiresPython,
              yanked,
              metadata,
              size < 0 ? null : size,
              uploaded,
              string(in)));
    }
    return new ProjectPage(name, files, serial, status);
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String string(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static void strings(DataOutputStream out, List<String> list) throws IOException {
    out.writeInt(list.size());
    for (String s : list) {
      string(out, s);
    }
  }

  private static List<String> strings(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(string(in));
    }
    return out;
  }

  private static void digests(DataOutputStream out, Map<String, String> map) throws IOException {
    if (map == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      string(out, e.getKey());
      string(out, e.getValue());
    }
  }

  private static SortedMap<String, String> digests(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      out.put(string(in), string(in));
    }
    return out;
  }
}
