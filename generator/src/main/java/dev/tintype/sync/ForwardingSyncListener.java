package dev.tintype.sync;

/** Passes every event on to {@code next}; a listener that adds to some events extends it. */
public abstract class ForwardingSyncListener implements SyncListener {
  protected final SyncListener next;

  protected ForwardingSyncListener(SyncListener next) {
    this.next = next;
  }

  @Override
  public void started(String repo) {
    next.started(repo);
  }

  @Override
  public void finished(Syncer.Outcome outcome) {
    next.finished(outcome);
  }

  @Override
  public void failed(String repo, Throwable failure) {
    next.failed(repo, failure);
  }

  @Override
  public void info(String repo, String message) {
    next.info(repo, message);
  }

  @Override
  public void warn(String repo, String message) {
    next.warn(repo, message);
  }

  @Override
  public void phase(String repo, Phase phase) {
    next.phase(repo, phase);
  }

  @Override
  public void progress(String repo, Phase phase, long done, long total) {
    next.progress(repo, phase, done, total);
  }

  @Override
  public void progress(
      String repo, Phase phase, long done, long total, long bytes, long totalBytes) {
    next.progress(repo, phase, done, total, bytes, totalBytes);
  }
}
