package dev.tintype.cli;

import dev.tintype.bundle.BundleListener;
import dev.tintype.sync.SyncListener;

/**
 * Wraps the listeners that print a command's progress. The CLI installs none; the crash tests
 * install one that stalls a real process at a known point so that they can kill it there.
 */
public interface ListenerDecorator {
  ListenerDecorator NONE = new ListenerDecorator() {};

  /** The listener of a sync; {@code command} is the subcommand's name. */
  default SyncListener sync(String command, SyncListener printer) {
    return printer;
  }

  /** The listener of a gc. */
  default dev.tintype.gc.GcListener gc(dev.tintype.gc.GcListener printer) {
    return printer;
  }

  /** The listener of an export or import; {@code command} is "export" or "import". */
  default BundleListener bundle(String command, BundleListener printer) {
    return printer;
  }
}
