package dev.tintype.pypi;

import dev.tintype.curate.PyClosure;
import java.util.ArrayList;
import java.util.List;

/** The headers of a core metadata file (RFC 822 style) that the closure reads. */
final class CoreMetadata {
  private CoreMetadata() {}

  static PyClosure.Metadata parse(String text) {
    List<String> requires = new ArrayList<>();
    List<String> classifiers = new ArrayList<>();
    String expression = null;
    String license = null;
    String last = null;
    for (String line : text.split("\r?\n", -1)) {
      if (line.isEmpty()) {
        break; // the body (the description) follows the first blank line
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
        continue; // a continuation line (License texts); nothing we read spans lines
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      last = key;
      switch (key.toLowerCase(java.util.Locale.ROOT)) {
        case "requires-dist" -> requires.add(value);
        case "classifier" -> classifiers.add(value);
        case "license-expression" -> expression = value;
        case "license" -> license = value;
        default -> {}
      }
    }
    return new PyClosure.Metadata(requires, expression, license, classifiers);
  }
}
