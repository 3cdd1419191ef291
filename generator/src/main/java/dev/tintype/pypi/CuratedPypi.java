package dev.tintype.pypi;

import dev.tintype.curate.PyClosure;
import dev.tintype.curate.PypiCuration;
import dev.tintype.fetch.Fetcher;
import dev.tintype.format.layout.Sha256;
import dev.tintype.format.pypi.DistFile;
import dev.tintype.format.pypi.ProjectName;
import dev.tintype.format.pypi.ProjectPage;
import dev.tintype.sync.BadUpstreamException;
import dev.tintype.sync.MirrorContext;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A PyPI repository with {@code requirements}: the closure reads each project's page and the core
 * metadata (PEP 658 {@code .metadata}) of the versions it keeps, and the sync then mirrors exactly
 * the files it kept. Every file left out is named in the manifest with its reason.
 */
final class CuratedPypi {
  /** The closure's projects as plans for the sync, and what the manifest records. */
  record Outcome(List<Planned> plans, Map<String, String> properties, PyClosure.Result closure) {}

  private CuratedPypi() {}

  static boolean active(MirrorContext ctx) {
    return ctx.repo().curation().pypi().isActive();
  }

  static Outcome plan(MirrorContext ctx, UpstreamClient upstream) throws IOException {
    PypiCuration c = ctx.repo().curation().pypi();
    Instant cutoff =
        ctx.options().backfill()
            ? ctx.options().date().date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            : null;
    PyClosure.Result r = PyClosure.close(c, new Upstream(ctx, upstream, cutoff));
    if (!r.missing().isEmpty()) {
      List<String> names = new ArrayList<>();
      r.missing().forEach((n, by) -> names.add(n + " (needed by " + String.join(", ", by) + ")"));
      throw new BadUpstreamException(
          ctx.repo().upstreamBase()
              + ": curation: no such project upstream: "
              + String.join(", ", names)
              + "; fix requirements: or block: in the config");
    }
    Map<String, String> props = new TreeMap<>();
    r.blocked()
        .forEach(
            (n, by) -> {
              ctx.warn(
                  "blocked "
                      + n
                      + ": every wanted version is blocked; needed by: "
                      + String.join(", ", by));
              props.put("curation.blocked." + n, "needed by " + String.join(", ", by));
            });
    r.warnings().forEach(ctx::warn);
    long dropped = 0;
    for (Map.Entry<String, ? extends Map<String, String>> e : r.dropped().entrySet()) {
      for (Map.Entry<String, String> f : e.getValue().entrySet()) {
        props.put("curation.dropped." + f.getKey(), f.getValue());
        dropped++;
      }
    }
    ctx.info(
        r.kept().size()
            + " projects in the closure of the requirements; "
            + dropped
            + " files left out");
    List<Planned> plans = new ArrayList<>();
    java.util.Set<String> keptFiles = new java.util.HashSet<>();
    for (ProjectPage page : r.kept().values()) {
      plans.add(Planned.fetched(page, Optional.empty()));
      for (DistFile f : page.files()) {
        keptFiles.add(PoolFiles.sha(f).hex());
      }
    }
    ReadWheels.dropAllBut(ctx, keptFiles);
    return new Outcome(plans, props, r);
  }

  /** Upstream pages (files after a backfill's cutoff left out) and their core metadata. */
  record Upstream(MirrorContext ctx, UpstreamClient client, Instant cutoff)
      implements PyClosure.Source {
    @Override
    public Optional<ProjectPage> page(String normalized) throws IOException {
      Optional<ProjectPage> page = client.page(new ProjectName(normalized));
      if (page.isEmpty() || cutoff == null) {
        return page;
      }
      List<DistFile> before = new ArrayList<>();
      for (DistFile f : page.get().files()) {
        if (f.uploadTime() != null && f.uploadTime().isBefore(cutoff)) {
          before.add(f);
        }
      }
      return Optional.of(page.get().withFiles(before));
    }

    @Override
    public PyClosure.Metadata metadata(ProjectPage page, DistFile f) throws IOException {
      if (f.coreMetadata() == null) {
        if (f.filename().endsWith(".whl")) {
          return CoreMetadata.fromWheel(ctx, f);
        }
        ctx.warn(
            page.name().name()
                + ": "
                + f.filename()
                + " is an sdist without PEP 658 metadata upstream; its dependencies are not"
                + " followed");
        return new PyClosure.Metadata(List.of(), null, null, List.of());
      }
      URI url = URI.create(f.url() + ".metadata");
      Optional<Fetcher.Page> got = ctx.fetcher().page(url, null);
      if (got.isEmpty()) {
        throw new BadUpstreamException(url + ": advertised core metadata is missing (404)");
      }
      byte[] body = got.get().body();
      String want = f.coreMetadata().get("sha256");
      if (want != null && !Sha256.hash(body).hex().equals(want)) {
        throw new BadUpstreamException(
            url + ": core metadata sha256 is " + Sha256.hash(body).hex() + ", expected " + want);
      }
      return CoreMetadata.parse(new String(body, StandardCharsets.UTF_8));
    }
  }
}
