package dev.tintype.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The files below a directory as keys relative to a root, in {@link String} order, read one
 * directory at a time: the pool of a large mirror holds millions of files, and a whole listing of
 * them outgrew the heap. A directory's subtree sorts as its name plus {@code "/"}, which is where
 * its keys fall among its siblings. A directory that cannot be read throws {@link
 * UncheckedIOException}.
 */
final class SortedWalk implements Iterator<String> {
  private record Child(String key, String sortKey, boolean directory) {}

  private final Path root;
  private final Deque<Iterator<Child>> stack = new ArrayDeque<>();
  private String next;

  SortedWalk(Path root, Path dir) {
    this.root = root;
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      stack.push(children(dir).iterator());
    }
    advance();
  }

  private List<Child> children(Path dir) {
    List<Child> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String key = root.relativize(p).toString().replace('\\', '/');
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(new Child(key, key + "/", true));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          out.add(new Child(key, key, false));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    out.sort((a, b) -> a.sortKey().compareTo(b.sortKey()));
    return out;
  }

  private void advance() {
    next = null;
    while (!stack.isEmpty()) {
      Iterator<Child> top = stack.peek();
      if (!top.hasNext()) {
        stack.pop();
        continue;
      }
      Child c = top.next();
      if (c.directory()) {
        stack.push(children(root.resolve(c.key())).iterator());
      } else {
        next = c.key();
        return;
      }
    }
  }

  @Override
  public boolean hasNext() {
    return next != null;
  }

  @Override
  public String next() {
    if (next == null) {
      throw new NoSuchElementException();
    }
    String out = next;
    advance();
    return out;
  }
}
