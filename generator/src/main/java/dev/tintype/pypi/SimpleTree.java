package dev.tintype.pypi;

import dev.tintype.format.layout.Layout;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.format.pypi.SimplePages;
import dev.tintype.sync.SnapshotSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Writes the {@code simple/} tree of a PyPI snapshot: each project's HTML and JSON page, then the
 * project list. Pages render on the injected executor, a bounded number ahead of the writing, and
 * are written in the order given on the calling thread: both cores stay busy, memory stays flat.
 */
public final class SimpleTree {
  // Pages rendered and not yet written: a page of a large project is megabytes.
  private static final int AHEAD = 16;

  private final SnapshotSink sink;
  private final ExecutorService renderers;
  private final ArrayDeque<Future<Rendered>> pending = new ArrayDeque<>();
  private final List<ProjectName> names = new ArrayList<>();
  // Beside names, one each: a map of boxed serials by name grew too large for all of PyPI.
  private long[] serials = new long[1024];

  public SimpleTree(SnapshotSink sink, ExecutorService renderers) {
    this.sink = sink;
    this.renderers = renderers;
  }

  private record Rendered(String project, byte[] html, byte[] json) {}

  /** Renders and writes the pages of {@code page}'s project. */
  public void add(ProjectPage page) throws IOException {
    addWritten(page.name(), page.lastSerial());
    pending.add(renderers.submit(() -> render(page)));
    while (pending.size() > AHEAD) {
      writeNext();
    }
  }

  /** Lists a project whose pages the caller put in place itself; a negative serial is unknown. */
  public void addWritten(ProjectName name, long serial) {
    if (names.size() == serials.length) {
      serials = java.util.Arrays.copyOf(serials, serials.length * 2);
    }
    serials[names.size()] = serial;
    names.add(name);
  }

  /** Writes what is still pending, then the project list; returns the number of projects. */
  public int finish() throws IOException {
    while (!pending.isEmpty()) {
      writeNext();
    }
    // Streamed: the project list of all of PyPI is tens of megabytes.
    sink.write(
        Layout.SIMPLE + "/" + Layout.PROJECT_HTML, out -> SimplePages.writeIndexHtml(names, out));
    java.util.function.ToLongFunction<ProjectName> serial = serialsByName();
    sink.write(
        Layout.SIMPLE + "/" + Layout.PROJECT_JSON,
        out -> SimplePages.writeIndexJson(names, serial, out));
    return names.size();
  }

  /** Each listed name's serial (the last given for a name listed twice); -1 for others. */
  private java.util.function.ToLongFunction<ProjectName> serialsByName() {
    int n = names.size();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Stable: of a name listed twice, the later comes last and wins.
    java.util.Arrays.sort(order, java.util.Comparator.comparing(i -> names.get(i).normalized()));
    String[] keys = new String[n];
    long[] values = new long[n];
    int m = 0;
    for (int i : order) {
      String k = names.get(i).normalized();
      if (m == 0 || !keys[m - 1].equals(k)) {
        keys[m++] = k;
      }
      values[m - 1] = serials[i];
    }
    int size = m;
    return p -> {
      int j = java.util.Arrays.binarySearch(keys, 0, size, p.normalized());
      return j >= 0 ? values[j] : -1L;
    };
  }

  private void writeNext() throws IOException {
    Future<Rendered> next = pending.poll();
    Rendered r;
    try {
      r = next.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.forEach(f -> f.cancel(true));
      throw new InterruptedIOException("interrupted while rendering simple pages");
    } catch (ExecutionException e) {
      pending.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException("rendering a simple page failed: " + e.getCause(), e.getCause());
    }
    sink.write(Layout.pypiProjectPage(r.project(), false), r.html());
    sink.write(Layout.pypiProjectPage(r.project(), true), r.json());
  }

  private static Rendered render(ProjectPage page) throws IOException {
    ByteArrayOutputStream html = new ByteArrayOutputStream(4096);
    SimplePages.writeProjectHtml(page, html);
    ByteArrayOutputStream json = new ByteArrayOutputStream(4096);
    SimplePages.writeProjectJson(page, json);
    return new Rendered(page.name().normalized(), html.toByteArray(), json.toByteArray());
  }
}
