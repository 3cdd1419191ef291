package dev.tintype.diff;

import java.util.ArrayList;
import java.util.List;

/** What a comparison finds, gathered before it becomes a {@link DiffReport}. */
final class Changes {
  final List<PackageChange> packages = new ArrayList<>();
  final List<FileChange> files = new ArrayList<>();
}
