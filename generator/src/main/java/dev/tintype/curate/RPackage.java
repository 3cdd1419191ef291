package dev.tintype.curate;

import java.util.List;
import java.util.Objects;

/**
 * What the closure needs of one upstream index record: its name and version, its strong
 * dependencies ({@code Depends}, {@code Imports}, {@code LinkingTo}) and its {@code Suggests}.
 */
public record RPackage(
    String name, String version, List<RRequirement> strong, List<RRequirement> suggests) {
  public RPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    strong = List.copyOf(strong);
    suggests = List.copyOf(suggests);
  }

  /** From the raw fields of an index record. */
  public static RPackage of(
      String name,
      String version,
      String depends,
      String imports,
      String linkingTo,
      String suggests) {
    List<RRequirement> strong = new java.util.ArrayList<>(RRequirement.field(depends));
    strong.addAll(RRequirement.field(imports));
    strong.addAll(RRequirement.field(linkingTo));
    return new RPackage(name, version, strong, RRequirement.field(suggests));
  }
}
