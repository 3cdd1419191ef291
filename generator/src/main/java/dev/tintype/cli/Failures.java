package dev.tintype.cli;

import dev.tintype.config.ConfigException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns whatever a command threw into one line on stderr and an exit code. A stack trace is for
 * developers: it is printed only with --debug or TINTYPE_DEBUG=1.
 */
final class Failures {
  private static final int MAX_CAUSES = 4;

  private Failures() {}

  static ExitCode report(String command, Throwable t, PrintStream err, boolean debug) {
    ExitCode code = codeOf(t);
    if (code == ExitCode.USAGE) {
      err.println("tintype: " + t.getMessage());
    } else {
      String hint = internal(unwrap(t)) && !debug ? " (run with --debug for the stack trace)" : "";
      err.println("tintype: " + command + " failed: " + describe(t) + hint);
    }
    if (debug && !(t instanceof UsageException)) {
      t.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static ExitCode codeOf(Throwable t) {
    if (t instanceof UsageException || t instanceof ConfigException) {
      return ExitCode.USAGE;
    }
    return ExitCode.FAILED;
  }

  /** The failure and its causes as one line: what failed, then why. */
  static String describe(Throwable t) {
    Throwable e = unwrap(t);
    StringBuilder m = new StringBuilder(sentence(e));
    Throwable c = e.getCause();
    for (int i = 0; c != null && i < MAX_CAUSES; i++, c = c.getCause()) {
      c = unwrap(c);
      String raw = c.getMessage();
      if (raw == null || raw.isBlank() || !m.toString().contains(raw)) {
        m.append(" (caused by: ").append(sentence(c)).append(')');
      }
    }
    return m.toString();
  }

  /** Skips wrappers that add nothing but a class name. */
  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    for (int i = 0; i < MAX_CAUSES && e.getCause() != null; i++) {
      boolean wrapper =
          e instanceof ExecutionException
              || e instanceof CompletionException
              || e instanceof InvocationTargetException
              || e.getCause().toString().equals(e.getMessage());
      if (!wrapper) {
        break;
      }
      e = e.getCause();
    }
    return e;
  }

  private static String sentence(Throwable e) {
    String msg = e.getMessage() == null || e.getMessage().isBlank() ? null : e.getMessage();
    if (e instanceof OutOfMemoryError) {
      return "out of memory"
          + (msg == null ? "" : " (" + msg + ")")
          + "; give Java more memory, e.g. TINTYPE_JAVA_OPTS=-Xmx2g";
    }
    if (e instanceof StackOverflowError) {
      return "internal error: stack overflow";
    }
    if (e instanceof FileSystemException) {
      return fileProblem((FileSystemException) e) + e.getMessage();
    }
    if (e instanceof UnknownHostException) {
      return "unknown host " + msg;
    }
    String kind = e.getClass().getSimpleName();
    if (internal(e)) {
      return "internal error: " + kind + (msg == null ? "" : ": " + msg);
    }
    if (msg == null) {
      return kind;
    }
    // The JDK's own messages are terse ("timeout", "Connection reset"): say what kind of fault.
    return jdk(e) && !generic(e) ? kind + ": " + msg : msg;
  }

  private static String fileProblem(FileSystemException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: ";
    } else if (e instanceof AccessDeniedException) {
      return "permission denied: ";
    } else if (e instanceof FileAlreadyExistsException) {
      return "already exists: ";
    } else if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty: ";
    } else if (e instanceof NotDirectoryException) {
      return "not a directory: ";
    }
    return e.getReason() == null ? "file system error: " : "";
  }

  /** A programming error rather than a fault of upstream, storage or input. */
  private static boolean internal(Throwable e) {
    if (e instanceof OutOfMemoryError) {
      return false;
    }
    if (e instanceof Error) {
      return true;
    }
    return e instanceof RuntimeException && jdk(e) && !generic(e);
  }

  private static boolean jdk(Throwable e) {
    String n = e.getClass().getName();
    return n.startsWith("java.") || n.startsWith("javax.");
  }

  /** Exceptions our own code throws with a whole sentence as the message. */
  private static boolean generic(Throwable e) {
    Class<?> c = e.getClass();
    return c == Exception.class
        || c == RuntimeException.class
        || c == java.io.IOException.class
        || c == UncheckedIOException.class
        || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException
        || e instanceof UnsupportedOperationException;
  }
}
